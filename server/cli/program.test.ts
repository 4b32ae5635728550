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

  it('translates commander errors', () => {
    expect(chineseError("error: unknown command 'nope'\n")).toBe("错误：未知命令 'nope'\n");
    expect(chineseError("error: missing required argument 'username'")).toBe(
      "错误：缺少必需的参数 'username'",
    );
    expect(chineseError('(Did you mean serve?)')).toBe('（是否要输入 serve？）');
  });
});
