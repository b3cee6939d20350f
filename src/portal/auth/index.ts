export { authPlugin, BACKCHANNEL_LOGOUT_PATH, CALLBACK_PATH, FRONTCHANNEL_LOGOUT_PATH, LOGGED_OUT_PATH, type AuthPluginOptions, type IdportenAcr } from './plugin.ts';
export {
  AUTH_ABSOLUTE_TIMEOUT_MS,
  AUTH_IDLE_TIMEOUT_MS,
  checkReporterSession,
  clearAuthentication,
  getAuthenticatedPerson,
  requireAuthenticatedPerson,
  sessionExpiresAt,
  type AuthenticatedPerson,
} from './session.ts';
export { safeReturnTo } from '../../web/return-to.ts';
