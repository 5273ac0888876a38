// The same-run limit for HTTP figures: a bare Fastify "hello" handler in its own process, on the core the
// server under test uses. Prints its port, then serves until killed.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.post("/hello", async () => ({ hello: "world" }));
app.get("/hello", async () => ({ hello: "world" }));
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`${typeof address === "object" && address !== null ? address.port : 0}\n`);
