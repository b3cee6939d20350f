export { authPlugin, LOGGED_OUT_PATH, type AuthPluginOptions, type IdportenAcr } from './plugin.ts';
export {
  AUTH_IDLE_TIMEOUT_MS,
  clearAuthentication,
  getAuthenticatedPerson,
  requireAuthenticatedPerson,
  type AuthenticatedPerson,
  type LoginTransaction,
} from './session.ts';
export { safeReturnTo } from '../../web/return-to.ts';
