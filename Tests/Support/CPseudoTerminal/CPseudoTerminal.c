#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

int cpt_open_master(char *path, size_t length) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY);
  if (fd < 0) return -1;
  if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, path, length) != 0) return -1;
  return fd;
}

pid_t cpt_spawn_on_terminal(
  const char *slave_path, int master_fd, char *const argv[], char *const envp[]) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  pid_t pid = -1;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addclose(&actions, master_fd);
  posix_spawn_file_actions_addopen(&actions, 0, slave_path, O_RDWR, 0);
  posix_spawn_file_actions_adddup2(&actions, 0, 1);
  posix_spawn_file_actions_adddup2(&actions, 0, 2);
  posix_spawnattr_init(&attributes);
  /* As a shell starts it: no signal blocked (the test runner's threads block nearly all). */
  sigset_t unblocked;
  sigemptyset(&unblocked);
  posix_spawnattr_setsigmask(&attributes, &unblocked);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK);
  if (posix_spawn(&pid, argv[0], &actions, &attributes, argv, envp) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return pid;
}

int cpt_is_canonical(int fd) {
  struct termios modes;
  if (tcgetattr(fd, &modes) != 0) return -1;
  return (modes.c_lflag & ICANON) ? 1 : 0;
}

int cpt_set_window_size(int fd, unsigned short rows, unsigned short columns) {
  struct winsize size;
  memset(&size, 0, sizeof size);
  size.ws_row = rows;
  size.ws_col = columns;
  return ioctl(fd, TIOCSWINSZ, &size);
}
