import { newPasswordError, profileUpdateError } from './profile.rules';

describe('profileUpdateError (reference §2.1 #10, in its order)', () => {
  it('accepts a valid update, and falsy texts (they clear the field)', () => {
    expect(profileUpdateError({ bio: 'Hello', need_mentoring: true })).toBeNull();
    expect(profileUpdateError({ bio: '', location: null, occupation: false })).toBeNull();
  });

  it.each([
    [{}, 'No data for updating profile was sent.'],
    [{ username: 'abc' }, 'The username field has to be longer than 4 characters and shorter than 26 characters.'],
    [{ username: 'new-name' }, 'Your new username is invalid.'],
    [{ name: 'A' }, 'The name field has to be longer than 1 characters and shorter than 31 characters.'],
    [{ name: 'Ann 2' }, 'Your name is invalid.'],
    [{ bio: 'x'.repeat(451) }, 'The bio field has to be shorter than 451 characters.'],
    [{ location: 'x'.repeat(61) }, 'The location field has to be shorter than 61 characters.'],
    [{ occupation: 'x'.repeat(61) }, 'The occupation field has to be shorter than 61 characters.'],
    [{ organization: 'x'.repeat(61) }, 'The organization field has to be shorter than 61 characters.'],
    [{ slack_username: 'x'.repeat(61) }, 'The slack_username field has to be shorter than 61 characters.'],
    [{ social_media_links: 'x'.repeat(401) }, 'The social_media_links field has to be shorter than 401 characters.'],
    [{ skills: 'x'.repeat(451) }, 'The skills field has to be shorter than 451 characters.'],
    [{ interests: 'x'.repeat(151) }, 'The interests field has to be shorter than 151 characters.'],
    [{ need_mentoring: null }, 'Field need_mentoring is not valid.'],
    [{ available_to_mentor: null }, 'Field available_to_mentor is not valid.'],
    [{ resume_url: 'x'.repeat(201) }, 'The resume_url field has to be shorter than 201 characters.'],
    [{ bio: 123 }, 'The bio field must be a string.'],
    [{ bio: 'a\u0000b' }, 'The bio field contains characters that are not allowed.'],
    [{ skills: '\ud800' }, 'The skills field contains characters that are not allowed.'],
    [{ need_mentoring: 'yes' }, 'The need_mentoring field must be a boolean.'],
  ])('%o → %s', (body, message) => {
    expect(profileUpdateError(body)).toBe(message);
  });

  it('counts lengths without whitespace, as the reference does', () => {
    expect(profileUpdateError({ interests: `${'x'.repeat(150)}${' '.repeat(40)}` })).toBeNull();
  });

  it('checks the username before the name, and the name before the texts', () => {
    expect(profileUpdateError({ username: 'bad-name', name: 'A', bio: 'x'.repeat(500) })).toBe(
      'Your new username is invalid.',
    );
    expect(profileUpdateError({ name: 'A', bio: 'x'.repeat(500) })).toContain('The name field');
  });
});

describe('newPasswordError (reference §2.1 #12)', () => {
  it('same as the current one, then spaces, then length', () => {
    expect(newPasswordError('password1', 'password1')).toBe('New password should not be same as the current password.');
    expect(newPasswordError('pass word1', 'password1')).toBe("Password shouldn't contain spaces.");
    expect(newPasswordError('short', 'password1')).toBe(
      'The new_password field has to be longer than 7 characters and shorter than 65 characters.',
    );
    expect(newPasswordError('x'.repeat(65))).toContain('shorter than 65 characters');
    expect(newPasswordError('password2', 'password1')).toBeNull();
  });
});
