import { RouteTable } from './route-table';

describe('RouteTable (405 for known paths)', () => {
  const routes = new RouteTable();
  routes.add('POST', '/login');
  routes.add(['GET', 'HEAD'], '/users/:user_id');
  routes.add('DELETE', '/mentorship_relation/:request_id');
  routes.add('GET', '/user/confirm_email/:token');

  it('lists the methods of a path as werkzeug does', () => {
    expect(routes.allowedMethods('/login')).toEqual(['OPTIONS', 'POST']);
    expect(routes.allowedMethods('/login/')).toEqual(['OPTIONS', 'POST']);
    expect(routes.allowedMethods('/users/12')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(routes.allowedMethods('/user/confirm_email/abc.def')).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('ids match digits only, like <int:…>, and unknown paths match nothing', () => {
    expect(routes.allowedMethods('/users/abc')).toEqual([]);
    expect(routes.allowedMethods('/mentorship_relation/x')).toEqual([]);
    expect(routes.allowedMethods('/nope')).toEqual([]);
  });
});
