#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (`npm run build` compiles it).
import "../dist/main.js";
