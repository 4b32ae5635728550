import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, chineseError } from './program.js';
import { gongkaiVersion } from './version.js';

describe('gongkai CLI frame', () => {
  it('prints its help frame in Chinese, for the program and its sub-commands', () => {
    const program = buildProgram();
    const help = program.helpInformation();
    expect(help).toMatch(/^用法： gongkai \[选项\] \[命令\]/);
    expect(help).toContain('选项：');
    expect(help).toContain('命令：');
    expect(help).toContain('-v, --version');
    expect(help).toContain('显示帮助');
    expect(help).not.toMatch(/Usage:|Options:|Commands:|display help/);
    const user = program.commands.find((c) => c.name() === 'user')!;
    expect(user.helpInformation()).toMatch(/^用法： gongkai user \[选项\] \[命令\]/);
  });

  it('answers --version from package.json', () => {
    expect(gongkaiVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('every command, at every depth, is described in Chinese inside a Chinese frame', () => {
    const CJK = /[\u4e00-\u9fff]/;
    const bad: string[] = [];
    const walk = (cmd: Command, name: string) => {
      const help = cmd.helpInformation();
      if (/Usage:|Options:|Commands:|Arguments:|\[options\]|\[command\]|display help/.test(help))
        bad.push(`${name}: English in the help frame`);
      if (!CJK.test(cmd.description())) bad.push(`${name}: no Chinese description`);
      for (const o of cmd.options)
        if (!CJK.test(o.description)) bad.push(`${name} ${o.flags}: ${o.description}`);
      // An argument is listed in the help only with a description; a listed one must be Chinese.
      for (const a of cmd.registeredArguments)
        if (a.description && !CJK.test(a.description)) bad.push(`${name} <${a.name()}>: ${a.description}`);
      for (const sub of cmd.commands) walk(sub, `${name} ${sub.name()}`);
    };
    const program = buildProgram();
    walk(program, 'gongkai');
    expect(bad).toEqual([]);
    expect(program.commands.length).toBeGreaterThan(10);
    expect(program.helpInformation()).toMatch(/init \[选项\]/);
  });

  it('every command and option the operator’s guide names exists (docs/operator-guide.md)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const guide = readFileSync(path.join(root, 'docs/operator-guide.md'), 'utf8');
    const program = buildProgram();
    const named = [...guide.matchAll(/gongkai((?: [a-z][a-z-]*)+)((?: [^`\n]*)?)/g)];
    expect(named.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const [, words, rest] of named) {
      let cmd: Command = program;
      for (const w of words!.trim().split(' ')) {
        const sub = cmd.commands.find((c) => c.name() === w);
        if (!sub) break;
        cmd = sub;
      }
      if (cmd === program) {
        missing.push(`gongkai${words}`);
        continue;
      }
      for (const flag of `${words} ${rest}`.match(/--[a-z][a-z-]*/g) ?? [])
        if (!['--help', '--version'].includes(flag) && !cmd.options.some((o) => o.long === flag))
          missing.push(`gongkai${words} ${flag}`);
    }
    expect(missing).toEqual([]);
  });

  it('`gongkai --version` prints the package version and `gongkai report --help` the Chinese help', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'bin/gongkai.js'), ...args], {
        cwd: root,
        env: { ...process.env, GONGKAI_SOURCE: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const version = run('--version');
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = run('report', '--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^用法： gongkai report \[选项\] \[命令\]/);
    expect(help.stdout).toContain('显示帮助');
    const wrong = run('nope');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("错误：未知命令 'nope'");
  }, 90_000);

  it('translates commander errors', () => {
    expect(chineseError("error: unknown command 'nope'\n")).toBe("错误：未知命令 'nope'\n");
    expect(chineseError("error: missing required argument 'username'")).toBe(
      "错误：缺少必需的参数 'username'",
    );
    expect(chineseError('(Did you mean serve?)')).toBe('（是否要输入 serve？）');
  });
});
