import { resumeAfter, sseComment, sseEvent, sseRetry } from './sse';

describe('Server-Sent Events format', () => {
  it('starts with the reconnection delay', () => {
    expect(sseRetry()).toBe('retry: 3000\n\n');
    expect(sseRetry(500)).toBe('retry: 500\n\n');
  });

  it('writes id, event and JSON data, ended by a blank line', () => {
    expect(sseEvent({ id: '42', type: 'notification', data: { kind: 'x', text: 'a\nb' } })).toBe(
      'id: 42\nevent: notification\ndata: {"kind":"x","text":"a\\nb"}\n\n',
    );
  });

  it('leaves the id out when there is none, so the client keeps its Last-Event-ID', () => {
    expect(sseEvent({ type: 'chat_message', data: { id: 7 } })).toBe('event: chat_message\ndata: {"id":7}\n\n');
    expect(sseEvent({ id: 'a\nb', type: 'x', data: null })).toBe('event: x\ndata: null\n\n');
  });

  it('writes comments on one line', () => {
    expect(sseComment('ping')).toBe(': ping\n\n');
    expect(sseComment('a\r\nb')).toBe(': a b\n\n');
  });

  it('resumes after a positive integer id from the header, else from the query', () => {
    expect(resumeAfter('12', undefined)).toBe(12);
    expect(resumeAfter(' 12 ', '3')).toBe(12);
    expect(resumeAfter(undefined, '3')).toBe(3);
    expect(resumeAfter('abc', '3')).toBe(3);
    for (const bad of [undefined, '', '0', '-1', '1.5', 'abc', '1e3', '9999999999999999', ['1']]) {
      expect(resumeAfter(bad, undefined)).toBeNull();
    }
  });
});
