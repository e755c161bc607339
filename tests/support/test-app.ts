import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';

import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createApp } from '../../apps/api/src/app.factory';
import { ADMIN_PASSWORD, DEMO_PASSWORD, testConfig } from './test-config';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  databaseUrl: string;
  /** Logs in and returns the bearer token (admin with its test password, everyone else with the demo one). */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

function urlFor(database: string): string {
  const u = new URL(inject('dbServerUrl'));
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh copy of the seeded template database, for one test file. */
export async function createTestDatabase(): Promise<string> {
  const name = `${inject('dbPrefix')}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: inject('dbServerUrl') });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDb')}"`);
        break;
      } catch (err) {
        // Two files copying the template at the same moment: PostgreSQL refuses one; wait and retry.
        if (attempt > 50 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  return urlFor(name);
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const app = await createApp(testConfig(env), databaseUrl);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    db: app.get(DataSource),
    databaseUrl,
    async login(username: string, password?: string) {
      const res = await http
        .post('/api/auth/login')
        .send({ username, password: password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
    },
  };
}
