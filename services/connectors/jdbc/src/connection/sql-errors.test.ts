import { describe, expect, it } from "vitest";
import { connectionLost, sqlError } from "./sql-errors.js";

/** A driver's error: a message and a code, as mysql2 and pg throw them. */
const driverError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("sqlError", () => {
  it.each([
    ["a refused connection", "ECONNREFUSED"],
    ["a reset connection", "ECONNRESET"],
    ["a MySQL deadlock", "ER_LOCK_DEADLOCK"],
    ["a MySQL server shutting down", "ER_SERVER_SHUTDOWN"],
    ["a PostgreSQL serialization failure", "40001"],
    ["a PostgreSQL connection exception (class 08)", "08006"],
    ["a PostgreSQL server starting up", "57P03"],
  ])("lets the worker retry %s", (_, code) => {
    const error = sqlError("reading table t", driverError("it happened", code));
    expect(error.retriable).toBe(true);
    expect(error.message).toBe(`reading table t: it happened (${code})`);
  });

  it.each([
    ["MySQL", "ER_ACCESS_DENIED_ERROR", "check connection.user and connection.password"],
    ["PostgreSQL", "28P01", "check connection.user and connection.password"],
    ["MySQL", "ER_NO_SUCH_TABLE", "create the table"],
    ["PostgreSQL", "42P01", "create the table"],
    ["PostgreSQL", "3D000", "create the database"],
  ])("fails at once on %s's %s, saying what to do", (_, code, advice) => {
    const error = sqlError("connecting", driverError("no", code));
    expect(error.retriable).toBe(false);
    expect(error.message).toContain(advice);
  });

  it("retries what mysql2 marks fatal to its connection, and a connection lost without a code", () => {
    const reset = Object.assign(new Error("Can't add new command when connection is in closed state"), {
      fatal: true,
    });
    expect(sqlError("reading", reset).retriable).toBe(true);
    expect(
      sqlError("reading", connectionLost(new Error("Connection terminated unexpectedly"))).retriable,
    ).toBe(true);
  });

  it("fails a refused login at once, though mysql2 marks it fatal to its connection", () => {
    const refused = Object.assign(new Error("Access denied"), {
      code: "ER_ACCESS_DENIED_ERROR",
      fatal: true,
    });
    expect(sqlError("connecting", refused).retriable).toBe(false);
  });

  it("finds the driver's code behind a wrapping error", () => {
    expect(sqlError("x", new Error("wrapped", { cause: driverError("gone", "ECONNRESET") })).retriable).toBe(
      true,
    );
  });

  it("treats an error it does not know as fatal, as Connect fails a task on an unexpected exception", () => {
    expect(sqlError("writing", new Error("syntax error")).retriable).toBe(false);
  });

  it("cuts the password out of whatever the driver said", () => {
    const error = sqlError("connecting", driverError("bad login for s3cret! at db", "28P01"), {
      secrets: ["s3cret!", undefined],
    });
    expect(error.message).not.toContain("s3cret!");
    expect(error.message).toContain("bad login for [hidden] at db");
  });

  it("names the record at fault", () => {
    expect(sqlError("writing", driverError("too long", "22001"), { recordIndex: 4 }).recordIndex).toBe(4);
  });
});
