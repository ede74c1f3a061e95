import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fetchWithMaven } from "./maven-fetch.js";
import type { Progress } from "./progress.js";
import { LOG4J_VERSION, SLF4J_VERSION } from "./versions.js";

/** One artifact on Maven Central. */
export interface MavenArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/** A set of Java artifacts to fetch with their whole dependency tree, into one cache directory. */
export interface MavenInstallRequest {
  /** The cache directory's name under the cache root, keyed by version, e.g. `kafka-4.4.0`. */
  readonly name: string;
  /** What is being fetched, in words, for progress and errors, e.g. "Apache Kafka 4.4.0". */
  readonly description: string;
  readonly artifacts: readonly MavenArtifact[];
}

/**
 * Fetches Java artifacts and everything they depend on from Maven Central into `<cacheDir>/<name>/libs`
 * once, and returns the classpath of those jars; later calls find them there. SLF4J with its log4j 2
 * binding is always added: Kafka's programs log through SLF4J but none of them brings a binding. A marker
 * file written last means a half-finished fetch is never taken for a whole one.
 */
export async function installFromMaven(
  cacheDir: string,
  request: MavenInstallRequest,
  progress: Progress,
): Promise<string> {
  const home = join(cacheDir, request.name);
  const libs = join(home, "libs");
  const classpath = `${libs}/*`;
  const marker = join(home, ".complete");
  if (existsSync(marker)) return classpath;

  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  await writeFile(join(home, "pom.xml"), pomFor(request));
  await fetchWithMaven(
    home,
    ["dependency:copy-dependencies", `-DoutputDirectory=${libs}`],
    request.description,
    progress,
  );
  await writeFile(marker, new Date().toISOString());
  return classpath;
}

/** A pom whose only job is to name the artifacts, so Maven resolves their whole dependency tree. */
function pomFor(request: MavenInstallRequest): string {
  const artifacts: MavenArtifact[] = [
    ...request.artifacts,
    { groupId: "org.slf4j", artifactId: "slf4j-api", version: SLF4J_VERSION },
    { groupId: "org.apache.logging.log4j", artifactId: "log4j-slf4j2-impl", version: LOG4J_VERSION },
  ];
  const dependencies = artifacts.map(
    (a) =>
      `    <dependency><groupId>${a.groupId}</groupId><artifactId>${a.artifactId}</artifactId><version>${a.version}</version></dependency>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by connect-mesh's deploy package to fetch ${request.description}'s jars; not a build. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.connect-mesh.local</groupId>
  <artifactId>${request.name}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${dependencies.join("\n")}
  </dependencies>
</project>
`;
}
