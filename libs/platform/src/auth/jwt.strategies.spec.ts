import { bearerTokenFrom } from './jwt.strategies';

describe('bearerTokenFrom (flask-jwt-extended 3.x header rules)', () => {
  it('is null (→ "missing") without a header or with an empty one', () => {
    expect(bearerTokenFrom({ headers: {} })).toBeNull();
    expect(bearerTokenFrom({ headers: { authorization: '' } })).toBeNull();
    expect(bearerTokenFrom({})).toBeNull();
  });

  it('takes the token of "Bearer <token>", tolerating extra spaces', () => {
    expect(bearerTokenFrom({ headers: { authorization: 'Bearer abc.def.ghi' } })).toBe('abc.def.ghi');
    expect(bearerTokenFrom({ headers: { authorization: '  Bearer   abc.def.ghi ' } })).toBe('abc.def.ghi');
  });

  it.each(['Basic abc', 'bearer abc', 'Bearer', 'Bearer a b', 'abc.def.ghi'])(
    'gives an unverifiable value (→ "invalid") for %p',
    (header) => {
      const token = bearerTokenFrom({ headers: { authorization: header } });
      expect(token).not.toBeNull();
      expect(token).not.toBe('abc');
    },
  );
});
