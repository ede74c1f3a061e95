import { randomUUID } from "node:crypto";
import { createConnection } from "mysql2/promise";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import "./stack-context.js";

/** A name of our own for each test's database or schema, so reruns and other tests never collide. */
const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;

describe("the stack's MariaDB", () => {
  const connect = (password?: string) =>
    createConnection({
      host: "127.0.0.1",
      port: inject("mariadbPort"),
      user: "root",
      ...(password === undefined ? {} : { password }),
    });

  it("lets root in over TCP with no password, and keeps time in UTC and text in utf8mb4", async () => {
    const connection = await connect();
    try {
      const [rows] = await connection.query(
        "SELECT @@time_zone AS timeZone, @@character_set_server AS charset, CURRENT_USER() AS user",
      );
      expect(rows).toEqual([{ timeZone: "+00:00", charset: "utf8mb4", user: "root@127.0.0.1" }]);
    } finally {
      await connection.end();
    }
  });

  it("stores and returns rows, NOW() in a DATETIME column as UTC", async () => {
    const database = uniqueName("dbtest");
    const connection = await connect();
    try {
      await connection.query(`CREATE DATABASE ${database}`);
      await connection.query(
        `CREATE TABLE ${database}.events (id INT PRIMARY KEY, name VARCHAR(50), at DATETIME NOT NULL)`,
      );
      await connection.query(`INSERT INTO ${database}.events VALUES (1, 'zürich ✓', NOW())`);
      const [rows] = await connection.query(
        `SELECT name, TIMESTAMPDIFF(SECOND, at, UTC_TIMESTAMP()) AS ageSeconds FROM ${database}.events`,
      );
      expect(rows).toEqual([{ name: "zürich ✓", ageSeconds: expect.any(Number) }]);
      const [row] = rows as { ageSeconds: number }[];
      expect(Math.abs(row?.ageSeconds ?? Number.NaN)).toBeLessThan(60);
    } finally {
      await connection.query(`DROP DATABASE IF EXISTS ${database}`);
      await connection.end();
    }
  });

  it("refuses root with a password it does not have", async () => {
    await expect(connect("wrong")).rejects.toMatchObject({ code: "ER_ACCESS_DENIED_ERROR" });
  });
});

describe("the stack's PostgreSQL", () => {
  const client = (password: string) =>
    new pg.Client({
      host: "127.0.0.1",
      port: inject("postgresPort"),
      user: "postgres",
      password,
      database: "postgres",
    });

  it("lets postgres in over TCP with the password postgres, UTF-8 and in UTC", async () => {
    const postgres = client("postgres");
    await postgres.connect();
    try {
      const { rows } = await postgres.query(
        "SELECT current_setting('TimeZone') AS time_zone, current_setting('server_encoding') AS encoding, current_user AS user_name",
      );
      expect(rows).toEqual([{ time_zone: "UTC", encoding: "UTF8", user_name: "postgres" }]);
    } finally {
      await postgres.end();
    }
  });

  it("stores and returns rows", async () => {
    const schema = uniqueName("dbtest");
    const postgres = client("postgres");
    await postgres.connect();
    try {
      await postgres.query(`CREATE SCHEMA ${schema}`);
      await postgres.query(`CREATE TABLE ${schema}.events (id INT PRIMARY KEY, name TEXT, at TIMESTAMPTZ)`);
      await postgres.query(`INSERT INTO ${schema}.events VALUES ($1, $2, now())`, [1, "zürich ✓"]);
      const { rows } = await postgres.query(`SELECT id, name FROM ${schema}.events`);
      expect(rows).toEqual([{ id: 1, name: "zürich ✓" }]);
    } finally {
      await postgres.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await postgres.end();
    }
  });

  it("refuses postgres with a wrong password", async () => {
    const intruder = client("not-the-password");
    // 28P01 is invalid_password: the server checked the password over TCP and said no.
    await expect(intruder.connect()).rejects.toMatchObject({ code: "28P01" });
    await intruder.end();
  });
});
