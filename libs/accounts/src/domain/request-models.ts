import type { RestxModel } from '@app/platform';

/** The flask-restx models of the four schema-validated endpoints (validate=True). */
export const REGISTER_MODEL: RestxModel = {
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

export const CHANGE_PASSWORD_MODEL: RestxModel = {
  properties: { current_password: 'string', new_password: 'string' },
  required: ['current_password', 'new_password'],
};

export const ADMIN_TARGET_MODEL: RestxModel = {
  properties: { user_id: 'integer' },
  required: ['user_id'],
};
