import { createMockServer } from '@agent-sessions/mock-server';
import type { TestProject } from 'vitest/node';
import './browser-env';

/**
 * Starts one real mock server (in Node, on a free port) for the whole browser run. The tests in
 * Chromium reach it cross-origin over HTTP, so CORS is exercised on every call.
 */
export default async function setup(project: TestProject) {
  const server = await createMockServer({ port: 0 });
  project.provide('mockUrl', server.url);
  return () => server.close();
}
