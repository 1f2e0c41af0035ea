import { BACKENDS, call, createAccepted, createMembers, startWorld, type World } from './support';

describe.each(BACKENDS)('smoke on %s', (backend) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(backend);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });
  it('a relation is accepted and listed', async () => {
    const [mentor, mentee] = await createMembers(world, 2);
    const id = await createAccepted(world, mentor, mentee);
    const response = await call(world, mentee, 'GET', '/mentorship_relations/current');
    expect(response.json().id).toBe(id);
    expect(Object.keys(response.json())).not.toContain('expired');
  });
});
