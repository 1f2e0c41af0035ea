import { renderTaskDigest } from './task-digest.template';

describe('task digest email', () => {
  it('lists every item of the burst in one email', () => {
    const email = renderTaskDigest({
      recipient: 'Bea',
      actorName: (id) => (id === 1 ? 'Ann' : '?'),
      items: [
        { eventId: 'a', kind: 'created', taskNumber: 1, description: 'Read', actorId: 1 },
        { eventId: 'b', kind: 'completed', taskNumber: 1, description: 'Read', actorId: 1 },
        { eventId: 'c', kind: 'commented', taskNumber: 1, description: 'Read', actorId: 1, comment: '<ok>' },
      ],
    });
    expect(email.subject).toBe('Mentorship System - Task updates in your mentorship relation');
    expect(email.text).toContain(
      '- Ann added task 1 "Read".\n- Ann completed task 1 "Read".\n- Ann commented on task 1 "Read": "<ok>"',
    );
    expect(email.html).toContain('&#60;ok&#62;');
  });
});
