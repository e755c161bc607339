import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './core/config/app-config';
import { AllExceptionsFilter } from './core/http/all-exceptions.filter';
import { answerClientErrors, bodyErrors, pathEscapes } from './core/http/request-errors';
import { TextCheckInterceptor } from './core/http/text-check.interceptor';
import { validationPipe } from './core/http/validation';

/** Builds the whole API (and the console's static files) on the given database. Used by main.ts and the tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', process.env.TRUST_PROXY === '1' ? 1 : false);
  app.set('query parser', 'simple');
  app.use(pathEscapes);
  app.useBodyParser('json', { limit: process.env.JSON_BODY_LIMIT ?? '1mb' });
  app.use(bodyErrors);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          // The evidence viewer shows PDFs in an iframe of a blob URL fetched with the token.
          frameSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // gzip for the console's assets and the API's JSON (compressible types over 1 KB; uploads and files stay as they are).
  app.use(compression());
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
    next();
  });
  app.setGlobalPrefix('api');
  app.useGlobalInterceptors(new TextCheckInterceptor());
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  answerClientErrors(app.getHttpServer());
  app.enableShutdownHooks();

  const docs = new DocumentBuilder()
    .setTitle('Duban 督办 API')
    .setDescription('Plan decomposition, progress reports, evidence, approvals and deadline chasing. See CONTRACT.md.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs), { jsonDocumentUrl: 'api/docs/json' });

  serveConsole(app, config.consoleDir);
  return app;
}

/** A file vite names by its content (`assets/index-B2x_9kQa.js`): it never changes, so browsers keep it for a year. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** The built console at `/`, with index.html for every non-API path (client-side routes). */
function serveConsole(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => {
      if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
      else if (HASHED_ASSET.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
