// The peer bench:tickets measures us against: a bare NestJS service on the same HTTP adapter as
// ours (Fastify) that does what any command service must and nothing else: verify an HS256 bearer token,
// parse the JSON body, one INSERT into the same PostgreSQL per request. No event store, no
// read side, no validation, no logging. It answers the bench client's paths, so one client
// drives both. Started by http.bench.ts as its own process (PG_URL, PORT, AUTH_JWT_SECRET).
import 'reflect-metadata';
import {
  Body,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET);
const pool = new Pool({ connectionString: process.env.PG_URL, max: 10 });

@Injectable()
class BearerGuard implements CanActivate {
  async canActivate(context: ExecutionContext) {
    const { authorization = '' } = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string> }>().headers;
    try {
      await jwtVerify(authorization.replace(/^Bearer /, ''), secret, { algorithms: ['HS256'] });
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}

const insert = async (ticketId: string, body: unknown) => {
  const id = randomUUID();
  await pool.query('insert into peer_writes (id, ticket_id, body) values ($1, $2, $3)', [id, ticketId, body]);
  return id;
};

@Controller()
class PeerController {
  @Get('health/ready')
  ready() {
    return { status: 'ok' };
  }

  @Post('tickets')
  @UseGuards(BearerGuard)
  async register(@Body() body: unknown) {
    const id = randomUUID();
    await insert(id, body);
    return { id, revision: 0 };
  }

  @Post('tickets/:id/comments')
  @UseGuards(BearerGuard)
  async comment(@Param('id') id: string, @Body() body: unknown) {
    await insert(id, body);
    return { id, revision: 1 };
  }

  /** Its "read model" is the row itself: what bench:tickets times from command to read. */
  @Get('tickets/:id')
  @UseGuards(BearerGuard)
  async get(@Param('id') id: string) {
    const { rows } = await pool.query('select ticket_id from peer_writes where ticket_id = $1 limit 1', [id]);
    if (!rows.length) throw new NotFoundException();
    return { id };
  }
}

@Module({ controllers: [PeerController], providers: [BearerGuard] })
class PeerModule {}

const main = async () => {
  await pool.query(
    'create table if not exists peer_writes (id uuid primary key, ticket_id uuid not null, body jsonb not null, at timestamptz not null default now())',
  );
  await pool.query('create index if not exists peer_writes_ticket on peer_writes (ticket_id)');
  const app = await NestFactory.create<NestFastifyApplication>(PeerModule, new FastifyAdapter(), {
    logger: ['error'],
  });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
};

void main();
