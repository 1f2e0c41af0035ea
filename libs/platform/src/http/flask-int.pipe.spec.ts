import { ApiError } from './api-error';
import { FlaskIntPipe } from './flask-int.pipe';
import { Messages } from './messages';

describe('FlaskIntPipe', () => {
  const pipe = new FlaskIntPipe();

  it.each([
    ['0', 0],
    ['7', 7],
    ['0012', 12],
    ['123456789012345', 123456789012345],
  ])('accepts %s', (raw, value) => {
    expect(pipe.transform(raw)).toBe(value);
  });

  it('accepts any number of digits, as werkzeug does; ids beyond any row simply match nothing', () => {
    expect(pipe.transform('99999999999999999999')).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
  });

  it.each(['-1', '+1', '1.5', 'abc', '', ' 1', '1e3', '１２'])('answers %p with the routing 404', (raw) => {
    expect(() => pipe.transform(raw)).toThrow(ApiError);
    try {
      pipe.transform(raw);
    } catch (error) {
      expect((error as ApiError).getStatus()).toBe(404);
      expect((error as ApiError).getResponse()).toEqual({ message: Messages.URL_NOT_FOUND });
    }
  });
});
