"""Reading passphrases for the command line: the terminal without echo, or standard input.

Never from arguments or environment variables, where other processes and shell history see them.
"""

from __future__ import annotations

import getpass
import sys
from typing import TextIO


class PassphraseReader:
    """Asks on the terminal; when stdin is not a terminal, takes one line per question."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None):
        self._stdin = stdin or sys.stdin
        self._stderr = stderr or sys.stderr

    @property
    def interactive(self) -> bool:
        try:
            return self._stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def ask(self, prompt: str) -> str:
        if self.interactive:
            return getpass.getpass(prompt, stream=self._stderr)
        line = self._stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def confirm(self, question: str) -> bool:
        """Yes/no on a terminal; scripts (no terminal) are taken to have confirmed."""
        if not self.interactive:
            return True
        self._stderr.write(question + " ")
        self._stderr.flush()
        answer = self._stdin.readline().strip().casefold()
        return answer in ("y", "yes", "д", "да")
