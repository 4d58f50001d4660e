import { ConfigError, loadConfig, parse } from './config';

const schema = {
  PORT: { description: 'HTTP port', default: '3000', parse: parse.port },
  MODE: {
    description: 'runtime mode',
    default: 'standalone',
    parse: parse.oneOf('standalone', 'distributed'),
  },
  KAFKA_BROKERS: { description: 'Kafka bootstrap brokers', parse: parse.hostPorts },
};

describe('loadConfig', () => {
  it('applies defaults and parses values', () => {
    expect(loadConfig(schema, { KAFKA_BROKERS: '127.0.0.1:9092,kafka:9093' })).toEqual({
      PORT: 3000,
      MODE: 'standalone',
      KAFKA_BROKERS: ['127.0.0.1:9092', 'kafka:9093'],
    });
  });

  it('reports every problem at once, naming the variable and the reason', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', MODE: 'cluster' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT="eighty" is invalid: expected a port number 0-65535 (HTTP port)',
      'MODE="cluster" is invalid: expected one of standalone, distributed (runtime mode)',
      'KAFKA_BROKERS is required: Kafka bootstrap brokers',
    ]);
  });

  it('accepts only the URL schemes a setting allows', () => {
    expect(() => parse.url('mongodb')('postgres://x')).toThrow('expected a mongodb URL');
    expect(parse.url('mongodb')('mongodb://127.0.0.1:27017/helpdesk')).toBe(
      'mongodb://127.0.0.1:27017/helpdesk',
    );
  });
});
