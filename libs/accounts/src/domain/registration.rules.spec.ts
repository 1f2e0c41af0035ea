import {
  EMAIL_PATTERN,
  lengthMessage,
  lengthWithoutWhitespace,
  NAME_PATTERN,
  registrationError,
  USERNAME_PATTERN,
} from './registration.rules';

const valid = {
  name: 'Ann Lee',
  username: 'ann_lee',
  password: 'password123',
  email: 'ann@example.org',
  terms_and_conditions_checked: true,
};

describe('registration rules (reference order)', () => {
  it('accepts a valid registration', () => {
    expect(registrationError(valid)).toBeNull();
  });

  it.each([
    [{ password: 'pass word123' }, "Password shouldn't contain spaces."],
    [{ name: 'A' }, 'The name field has to be longer than 1 characters and shorter than 31 characters.'],
    [{ name: 'A '.repeat(31) }, 'The name field has to be longer than 1 characters and shorter than 31 characters.'],
    [{ username: 'ann' }, 'The username field has to be longer than 4 characters and shorter than 26 characters.'],
    [{ password: 'short' }, 'The password field has to be longer than 7 characters and shorter than 65 characters.'],
    [
      { password: 'x'.repeat(65) },
      'The password field has to be longer than 7 characters and shorter than 65 characters.',
    ],
    [{ terms_and_conditions_checked: false }, 'Terms and conditions are not checked.'],
    [{ name: 'Ann 2' }, 'Your name is invalid.'],
    [{ email: 'invalid@emailcom' }, 'Your email is invalid.'],
    [{ email: 'invalidemail.com' }, 'Your email is invalid.'],
    [{ username: 'valid-username' }, 'Your username is invalid.'],
    [{ username: 'user name x' }, 'Your username is invalid.'],
  ])('%o → %s', (change, message) => {
    expect(registrationError({ ...valid, ...change })).toBe(message);
  });

  it('checks in the reference order: spaces in the password before every length', () => {
    expect(registrationError({ ...valid, name: 'A', password: 'a b' })).toBe("Password shouldn't contain spaces.");
    expect(registrationError({ ...valid, name: 'A', username: 'x' })).toContain('The name field');
    expect(registrationError({ ...valid, terms_and_conditions_checked: false, name: 'Ann 2' })).toBe(
      'Terms and conditions are not checked.',
    );
  });

  it('non-string name, username or password is the string-format message', () => {
    expect(registrationError({ ...valid, name: 5 })).toBe('Name, username and password must be in string format.');
  });
});

describe('helpers', () => {
  it('counts length without any whitespace, like "".join(s.split())', () => {
    expect(lengthWithoutWhitespace(' a b\tc\n')).toBe(3);
  });

  it('builds the dynamic length messages of spec §7.2', () => {
    expect(lengthMessage('bio', 0, 450)).toBe('The bio field has to be shorter than 451 characters.');
    expect(lengthMessage('new_password', 8, 64)).toBe(
      'The new_password field has to be longer than 7 characters and shorter than 65 characters.',
    );
  });

  it('regexes agree with the reference unit tests', () => {
    expect(NAME_PATTERN.test('')).toBe(false);
    expect(NAME_PATTERN.test('valid-name')).toBe(true);
    expect(NAME_PATTERN.test('invalidname@123')).toBe(false);
    expect(USERNAME_PATTERN.test('valid_username')).toBe(true);
    expect(USERNAME_PATTERN.test('valid-username')).toBe(false);
    expect(EMAIL_PATTERN.test('')).toBe(false);
    expect(EMAIL_PATTERN.test('a.b+c@example-mail.co.uk')).toBe(true);
  });
});
