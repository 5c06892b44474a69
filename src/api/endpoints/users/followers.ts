import { defineFollowListEndpoint } from '../../follow-list.js';

export default defineFollowListEndpoint('followers', {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '27fa5435-88ab-43de-9360-387de88727cd' },
  forbidden: { message: 'Forbidden.', code: 'FORBIDDEN', id: '3c6a84db-d619-26af-ca14-06232a21df8a' },
});
