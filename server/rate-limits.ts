import type http from "node:http";
import type express from "express";
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from "express-rate-limit";
import proxyaddr from "proxy-addr";
import type { AbuseLimits } from "./config.ts";

/**
 * Rate limits by client address (express-rate-limit, one window per minute). The address is
 * the socket's; behind a reverse proxy listed in TRUST_PROXY it is the nearest X-Forwarded-For
 * address that is not a trusted proxy (proxy-addr, as Express's "trust proxy" reads it), so a
 * client can never make one up. IPv6 addresses are grouped by /56 as the library recommends. A limited request gets
 * `429 { error, retryAfterSeconds }` and changes nothing.
 *
 * A classroom often reaches the server from one address (a campus NAT), so the per-route
 * limits are generous; guessing is caught by `misses`, which counts only failed requests
 * (401, 403, 404: unknown codes, missing or wrong keys or tokens).
 */
export interface HttpLimiters {
  lookup: RateLimitRequestHandler;
  record: RateLimitRequestHandler;
  join: RateLimitRequestHandler;
  create: RateLimitRequestHandler;
  misses: RateLimitRequestHandler;
  /** A limiter of another route, keyed by the same client address. */
  make(limit: number, what: string): RateLimitRequestHandler;
}

/** Who a request comes from (see above). */
export type ClientAddress = (req: http.IncomingMessage) => string;

export function clientAddress(trustProxy: readonly string[]): ClientAddress {
  if (trustProxy.length === 0) return (req) => req.socket?.remoteAddress ?? "unknown";
  const trusted = proxyaddr.compile([...trustProxy]);
  return (req) => proxyaddr(req, trusted);
}

const SOCKET_ADDRESS = clientAddress([]);

export function limiter(limit: number, what: string, onlyFailures = false, addressOf: ClientAddress = SOCKET_ADDRESS): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    // The matchmaking routes are not express: headers are set by the handler, with node's API only.
    standardHeaders: false,
    legacyHeaders: false,
    skipSuccessfulRequests: onlyFailures,
    // For `misses`: only what guessing gets counts (unknown code, missing or wrong key or token).
    requestWasSuccessful: (_req, res) => (onlyFailures ? ![401, 403, 404].includes(res.statusCode) : res.statusCode < 400),
    keyGenerator: (req) => ipKeyGenerator(addressOf(req)),
    validate: false,
    handler: (req, res, _next, options) => {
      const reset = (req as unknown as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : Math.ceil(options.windowMs / 1000);
      const body = JSON.stringify({ error: `Too many ${what} from your address; try again in ${retryAfterSeconds} s.`, retryAfterSeconds });
      res.statusCode = options.statusCode;
      res.setHeader("content-type", "application/json");
      res.setHeader("retry-after", String(retryAfterSeconds));
      res.end(body);
    },
  });
}

export function httpLimiters(limits: AbuseLimits): HttpLimiters {
  const address = clientAddress(limits.trustProxy);
  return {
    lookup: limiter(limits.lookupsPerMinute, "table look-ups", false, address),
    record: limiter(limits.recordsPerMinute, "record requests", false, address),
    join: limiter(limits.joinsPerMinute, "joins", false, address),
    create: limiter(limits.createsPerMinute, "new tables", false, address),
    misses: limiter(limits.missesPerMinute, "failed attempts (unknown codes or wrong keys)", true, address),
    make: (limit, what) => limiter(limit, what, false, address),
  };
}

/** Runs express-style handlers in order on a raw request; resolves true when all called next(). */
function pass(handlers: express.RequestHandler[], req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const step = (i: number) => {
      if (i >= handlers.length) return resolve(true);
      let called = false;
      const next = () => {
        called = true;
        step(i + 1);
      };
      void Promise.resolve(handlers[i]!(req as express.Request, res as express.Response, next)).then(() => {
        if (!called) resolve(false);
      });
    };
    step(0);
  });
}

const MATCHMAKE = /^\/matchmake\/(\w+)\//;

/**
 * Colyseus answers POST /matchmake/:method/:room before express sees the request, so the
 * limits of joins and creates sit in front of every HTTP listener: the server's `request`
 * event goes through them first. (Reconnections, which need a reconnection token, pass.)
 */
export function limitMatchmaking(server: http.Server, limiters: HttpLimiters): void {
  const emit = server.emit.bind(server) as (event: string, ...args: unknown[]) => boolean;
  server.emit = function (event: string, ...args: unknown[]): boolean {
    if (event !== "request") return emit(event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const method = req.method === "POST" ? MATCHMAKE.exec(req.url ?? "")?.[1] : undefined;
    const chain =
      method === "create" ? [limiters.create] : method === "joinById" || method === "join" || method === "joinOrCreate" ? [limiters.misses, limiters.join] : null;
    if (!chain) return emit(event, ...args);
    void pass(chain, req, res).then((ok) => {
      if (ok) emit(event, req, res);
    });
    return true;
  } as typeof server.emit;
}
