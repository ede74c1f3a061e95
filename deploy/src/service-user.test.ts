import { describe, expect, it } from "vitest";
import { commandAs } from "./service-user.js";

describe("commandAs", () => {
  it("runs the command as is when there is no service user", () => {
    expect(commandAs(undefined, "/usr/bin/initdb", ["-D", "/run/pg"])).toEqual({
      command: "/usr/bin/initdb",
      args: ["-D", "/run/pg"],
    });
  });

  it("runs it through setpriv as the user, which execs it so that the pid stays the server's", () => {
    expect(commandAs({ name: "postgres", uid: 101, gid: 104 }, "/usr/bin/initdb", ["-D", "/run/pg"])).toEqual(
      {
        command: "setpriv",
        args: [
          "--reuid=postgres",
          "--regid=postgres",
          "--init-groups",
          "--",
          "/usr/bin/initdb",
          "-D",
          "/run/pg",
        ],
      },
    );
  });
});
