export {
  CASEWORKER_ACR,
  CASEWORKER_AMR,
  devCaseworkerIdpPlugin,
  type DevCaseworkerIdpClient,
  type DevCaseworkerIdpOptions,
} from './plugin.ts';
export { assertDevCaseworkerIdpAllowed, isDevCaseworkerIdpAllowed } from './guard.ts';
export { CASEWORKER_ROLES, DEV_CASEWORKERS, findDevCaseworker, type CaseworkerRole, type DevCaseworker } from './caseworkers.ts';
