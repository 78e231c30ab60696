// Pseudo-terminal helpers for end-to-end tests. posix_openpt and POSIX_SPAWN_SETSID sit behind
// feature macros that Swift's Glibc module does not define.
#pragma once
#include <stddef.h>
#include <sys/types.h>

/// Opens a pseudo-terminal master; writes the slave's path into `path`. Returns the fd or -1.
int cpt_open_master(char *path, size_t length);

/// Spawns `argv[0]` in a new session whose controlling terminal is the slave at `slave_path`.
/// Returns the child's pid, or -1.
pid_t cpt_spawn_on_terminal(
  const char *slave_path, int master_fd, char *const argv[], char *const envp[]);

/// Returns 1 when the terminal on `fd` is in canonical (cooked) mode, 0 when raw, -1 on error.
int cpt_is_canonical(int fd);

/// Sets the window size of the terminal on `fd`.
int cpt_set_window_size(int fd, unsigned short rows, unsigned short columns);
