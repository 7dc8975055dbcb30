import type http from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./rate-limits.ts";

const request = (socket: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: socket }, connection: { remoteAddress: socket }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} }) as unknown as http.IncomingMessage;

describe("the address a rate limit counts a request against", () => {
  it("is the socket's when no proxy is trusted: a made-up X-Forwarded-For changes nothing", () => {
    const address = clientAddress([]);
    expect(address(request("198.51.100.2", "203.0.113.7"))).toBe("198.51.100.2");
  });
  it("behind a trusted proxy, is the student's address the proxy forwarded", () => {
    const address = clientAddress(["loopback"]);
    expect(address(request("127.0.0.1", "203.0.113.7"))).toBe("203.0.113.7");
    // Two students behind the same nginx are two addresses, not one.
    expect(address(request("127.0.0.1", "203.0.113.8"))).toBe("203.0.113.8");
  });
  it("believes only the trusted hops: a client that prepends a fake address is still itself", () => {
    const address = clientAddress(["loopback"]);
    expect(address(request("127.0.0.1", "10.9.9.9, 203.0.113.7"))).toBe("203.0.113.7");
    // A request that did not come through the proxy is its socket's, whatever it claims.
    expect(address(request("198.51.100.2", "203.0.113.7"))).toBe("198.51.100.2");
  });
});
