/** A TCP or UDP port number, host or container side, as `docker run -p` and compose's `ports:` take it. */
export const portNumberSchema = { type: 'integer', minimum: 1, maximum: 65535 } as const;
