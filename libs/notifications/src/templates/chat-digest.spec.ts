import { CHAT_DIGEST_EXCERPT, renderChatDigest } from './chat-digest.template';

describe('chat digest email', () => {
  it('tells one unread message and quotes it', () => {
    const email = renderChatDigest({ recipient: 'Bea', sender: 'Ann', count: 1, newest: ['See you <b>Thursday</b>'] });
    expect(email.subject).toBe('Mentorship System - New messages from Ann');
    expect(email.text).toBe(
      'Hi Bea, Ann sent you a new message in your mentorship relation.\n\n> See you <b>Thursday</b>\n\n' +
        'Login to Mentorship System to read and reply.\n\nSysters Open Source\n',
    );
    expect(email.html).toContain('<li>See you &#60;b&#62;Thursday&#60;/b&#62;</li>');
    expect(email.html).not.toContain('<b>');
  });

  it('counts every unread message and quotes the newest three, cut to an excerpt', () => {
    const long = 'y'.repeat(CHAT_DIGEST_EXCERPT + 10);
    const email = renderChatDigest({
      recipient: 'Bea',
      sender: 'Ann',
      count: 5,
      newest: ['five', long, 'three\nlines', 'two'],
    });
    expect(email.text).toContain('Ann sent you 5 new messages in your mentorship relation.\n\nThe newest 3:\n\n');
    expect(email.text).toContain(`> five\n> ${'y'.repeat(CHAT_DIGEST_EXCERPT)}…\n> three\n> lines\n`);
    expect(email.text).not.toContain('two');
    expect(email.html).toContain('<li>three<br>lines</li>');
  });
});
