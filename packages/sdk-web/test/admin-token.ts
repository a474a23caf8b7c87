/**
 * The tests' pages reach the mock's `/_mock` admin routes cross-origin, which the mock refuses
 * unless it was started with `admin.allowOrigins` and this token (sent by `MockAdminClient`).
 */
export const TEST_ADMIN_TOKEN = 'browser-tests-admin-token';
