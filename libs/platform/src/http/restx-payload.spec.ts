import { pythonRepr, restxPayloadErrors, type RestxModel } from './restx-payload';

const REGISTER: RestxModel = {
  properties: {
    name: 'string',
    username: 'string',
    password: 'string',
    email: 'string',
    terms_and_conditions_checked: 'boolean',
    need_mentoring: 'boolean',
    available_to_mentor: 'boolean',
  },
  required: ['name', 'username', 'password', 'email', 'terms_and_conditions_checked'],
};

describe('pythonRepr (jsonschema prints values with repr)', () => {
  it.each([
    [null, 'None'],
    [true, 'True'],
    [false, 'False'],
    [123, '123'],
    [1.5, '1.5'],
    ['abc', "'abc'"],
    ["it's", '"it\'s"'],
    ['say "hi"', '\'say "hi"\''],
    ['a\nb', "'a\\nb'"],
    [[1, 'a', null], "[1, 'a', None]"],
    [{ a: 1, b: [true] }, "{'a': 1, 'b': [True]}"],
    [{}, '{}'],
  ])('%p → %s', (value, expected) => {
    expect(pythonRepr(value)).toBe(expected);
  });
});

describe('restxPayloadErrors', () => {
  const valid = {
    name: 'Ann',
    username: 'ann_1',
    password: 'password1',
    email: 'a@b.co',
    terms_and_conditions_checked: true,
  };

  it('accepts a valid body, ignoring unknown fields', () => {
    expect(restxPayloadErrors(REGISTER, { ...valid, extra: [1] })).toBeNull();
  });

  it('names each missing required field', () => {
    expect(restxPayloadErrors(REGISTER, {})).toEqual({
      name: "'name' is a required property",
      username: "'username' is a required property",
      password: "'password' is a required property",
      email: "'email' is a required property",
      terms_and_conditions_checked: "'terms_and_conditions_checked' is a required property",
    });
  });

  it('names each field of the wrong type with its Python repr', () => {
    expect(
      restxPayloadErrors(REGISTER, { ...valid, name: 123, terms_and_conditions_checked: 'yes', need_mentoring: null }),
    ).toEqual({
      name: "123 is not of type 'string'",
      terms_and_conditions_checked: "'yes' is not of type 'boolean'",
      need_mentoring: "None is not of type 'boolean'",
    });
  });

  it.each([
    [null, "None is not of type 'object'"],
    [[1, 2], "[1, 2] is not of type 'object'"],
    ['text', "'text' is not of type 'object'"],
    [42, "42 is not of type 'object'"],
  ])('a body that is not an object (%p) is one error under ""', (body, text) => {
    expect(restxPayloadErrors(REGISTER, body)).toEqual({ '': text });
  });
});
