import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` would otherwise write an AGENTS.md into the example.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default config;
