#!/usr/bin/env node
import '../currentBuild.js';
import dotenv from 'dotenv';
import { main } from './cli.js';

dotenv.config({ quiet: true });
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
