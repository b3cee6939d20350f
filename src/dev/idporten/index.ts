export { devIdportenPlugin, type DevIdportenClient, type DevIdportenOptions } from './plugin.ts';
export { assertDevIdportenAllowed, isDevIdportenAllowed } from '../guard.ts';
export { DEV_TEST_PERSONS, findDevTestPerson, type DevTestPerson } from './test-persons.ts';
