import { describe, expect, it } from "vitest";
import { parseJdbcUrl, redactUrl } from "./jdbc-url.js";

describe("parseJdbcUrl", () => {
  it.each([
    [
      "jdbc:mysql://localhost:3306/test?user=root",
      {
        dialect: "mysql",
        host: "localhost",
        port: 3306,
        database: "test",
        user: "root",
        password: undefined,
      },
    ],
    [
      "jdbc:mariadb://db.example/shop?user=app&password=s%3Dcret",
      {
        dialect: "mysql",
        host: "db.example",
        port: 3306,
        database: "shop",
        user: "app",
        password: "s=cret",
        currentSchema: undefined,
      },
    ],
    [
      "jdbc:postgresql://127.0.0.1:15432/postgres?user=postgres&password=postgres&sslmode=disable",
      {
        dialect: "postgres",
        host: "127.0.0.1",
        port: 15432,
        database: "postgres",
        user: "postgres",
        password: "postgres",
      },
    ],
    [
      "jdbc:postgresql://h/db?currentSchema=sales",
      {
        dialect: "postgres",
        host: "h",
        port: 5432,
        database: "db",
        user: undefined,
        password: undefined,
        currentSchema: "sales",
      },
    ],
    [
      "jdbc:postgresql:shop",
      {
        dialect: "postgres",
        host: "localhost",
        port: 5432,
        database: "shop",
        user: undefined,
        password: undefined,
      },
    ],
    [
      "jdbc:mysql://a:3307,b:3308/x",
      {
        dialect: "mysql",
        host: "a",
        port: 3307,
        database: "x",
        user: undefined,
        password: undefined,
        currentSchema: undefined,
      },
    ],
    [
      "jdbc:mysql://root:pw@h/",
      {
        dialect: "mysql",
        host: "h",
        port: 3306,
        database: undefined,
        user: "root",
        password: "pw",
        currentSchema: undefined,
      },
    ],
  ])("reads %s", (url, expected) => {
    expect(parseJdbcUrl(url)).toEqual(expected);
  });

  it.each(["jdbc:oracle:thin:@h:1521:x", "mysql://h/x", ""])(
    "refuses %j, naming the URLs it takes",
    (url) => {
      expect(() => parseJdbcUrl(url)).toThrow(/jdbc:mysql:\/\/, jdbc:mariadb:\/\/ or jdbc:postgresql:\/\//);
    },
  );

  it("never shows the password of a URL it refuses", () => {
    expect(() => parseJdbcUrl("jdbc:sqlserver://h;user=sa;password=hunter2")).toThrow(
      /^(?!.*hunter2).*password=\[hidden\]/,
    );
  });
});

describe("redactUrl", () => {
  it.each([
    [
      "jdbc:postgresql://h/db?user=u&password=p1&ssl=true",
      "jdbc:postgresql://h/db?user=u&password=[hidden]&ssl=true",
    ],
    ["jdbc:mysql://u:p2@h/db", "jdbc:mysql://u:[hidden]@h/db"],
    ["jdbc:mysql://h/db?user=root", "jdbc:mysql://h/db?user=root"],
  ])("hides the password of %s", (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
