import type { Agent, Dispatcher } from 'undici';

/*
 * undici's request and Agent, loaded from their own modules. undici's index
 * also loads fetch, cookies, WebSocket, EventSource, caches and mocks, and
 * attaches request() to Dispatcher.prototype: requiring it cost a run with
 * one HTTP check ~140 ms of CPU (profile of `grade web_server`, machine under
 * load), for a single GET. Here request() is called on the dispatcher as
 * undici's own top-level request() does (index.js, makeDispatcher).
 */

type ApiRequest = (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

export type UndiciRequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: Dispatcher.HttpMethod;
  /** Default: undici's global dispatcher. */
  dispatcher?: Dispatcher;
};

export function undiciRequest(url: string | URL, opts: UndiciRequestOptions = {}): Promise<Dispatcher.ResponseData> {
  const target = new URL(url);
  const { dispatcher = globalDispatcher(), ...rest } = opts;
  const request = require('undici/lib/api/api-request') as ApiRequest;
  return request.call(dispatcher, {
    ...rest,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: rest.method ?? (rest.body ? 'PUT' : 'GET'),
  });
}

export function undiciAgent(options: Agent.Options): Agent {
  const UndiciAgent = require('undici/lib/dispatcher/agent') as typeof Agent;
  return new UndiciAgent(options);
}

function globalDispatcher(): Dispatcher {
  return (require('undici/lib/global') as { getGlobalDispatcher(): Dispatcher }).getGlobalDispatcher();
}
