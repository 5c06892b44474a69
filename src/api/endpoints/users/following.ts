import { defineFollowListEndpoint } from '../../follow-list.js';

export default defineFollowListEndpoint('following', {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '63e4aba4-4156-4e53-be25-c9559e42d71b' },
  forbidden: { message: 'Forbidden.', code: 'FORBIDDEN', id: 'f6cdb0df-c19f-ec5c-7dbb-0ba84a1f92ba' },
  birthdayInvalid: { message: 'Birthday date format is invalid.', code: 'BIRTHDAY_DATE_FORMAT_INVALID', id: 'a2b007b9-4782-4eba-abd3-93b05ed4130d' },
});
