// Fixed-arity wrappers around libedit's C-variadic calls, which Swift cannot call.
// Only <histedit.h>: on Debian <readline/readline.h> resolves to GNU readline's header.
#pragma once
#include <histedit.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef char *_Nullable (*cle_prompt_fn)(EditLine *_Nullable);
typedef unsigned char (*cle_command_fn)(EditLine *_Nullable, int);

static inline int cle_set_prompt(EditLine *_Nonnull el, cle_prompt_fn _Nonnull fn, char literal) {
  return el_set(el, EL_PROMPT_ESC, fn, literal);
}
static inline int cle_set_editor(EditLine *_Nonnull el, const char *_Nonnull mode) {
  return el_set(el, EL_EDITOR, mode);
}
static inline int cle_set_signal(EditLine *_Nonnull el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int cle_set_history(EditLine *_Nonnull el, History *_Nonnull h) {
  return el_set(el, EL_HIST, history, h);
}
static inline int cle_set_clientdata(EditLine *_Nonnull el, void *_Nullable data) {
  return el_set(el, EL_CLIENTDATA, data);
}
static inline void *_Nullable cle_get_clientdata(EditLine *_Nonnull el) {
  void *d = NULL;
  el_get(el, EL_CLIENTDATA, &d);
  return d;
}
static inline int cle_add_function(
  EditLine *_Nonnull el, const char *_Nonnull name, const char *_Nonnull help,
  cle_command_fn _Nonnull fn
) {
  return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int cle_bind(EditLine *_Nonnull el, const char *_Nonnull key, const char *_Nonnull command) {
  return el_set(el, EL_BIND, key, command, NULL);
}
/* `setty -d <mode>`: terminal modes while editing; "-isig" makes Ctrl-C a key. */
static inline int cle_set_edit_tty_mode(EditLine *_Nonnull el, const char *_Nonnull mode) {
  return el_set(el, EL_SETTY, "-d", mode, NULL);
}
static inline int cle_history_setsize(History *_Nonnull h, int n) {
  HistEvent ev;
  return history(h, &ev, H_SETSIZE, n);
}
static inline int cle_history_setunique(History *_Nonnull h, int on) {
  HistEvent ev;
  return history(h, &ev, H_SETUNIQUE, on);
}
static inline int cle_history_enter(History *_Nonnull h, const char *_Nonnull s) {
  HistEvent ev;
  return history(h, &ev, H_ENTER, s);
}
static inline int cle_history_load(History *_Nonnull h, const char *_Nonnull p) {
  HistEvent ev;
  return history(h, &ev, H_LOAD, p);
}
static inline int cle_history_save(History *_Nonnull h, const char *_Nonnull p) {
  HistEvent ev;
  return history(h, &ev, H_SAVE, p);
}
/* Glibc's stdin/stdout/stderr are mutable globals, an error in Swift 6 mode. */
static inline FILE *_Nonnull cle_stdin(void) { return stdin; }
static inline FILE *_Nonnull cle_stdout(void) { return stdout; }
static inline FILE *_Nonnull cle_stderr(void) { return stderr; }

/* SIGTERM and SIGHUP are recorded, not fatal, so that a quiz is ended early and history is saved
   before the program exits. The handler only stores the number; without SA_RESTART a blocking
   read returns EINTR. A signal ignored at start (nohup) stays ignored. Only LineEditing calls
   these: every Swift module that did would get its own copy of the flag. */
static volatile sig_atomic_t cle_termination_signal = 0;
static inline void cle_record_termination(int signo) { cle_termination_signal = signo; }
static inline int cle_catch_termination(int signo) {
  struct sigaction action, previous;
  sigset_t signals;
  if (sigaction(signo, NULL, &previous) != 0) return -1;
  if (previous.sa_handler == SIG_IGN) return 0;
  memset(&action, 0, sizeof action);
  action.sa_handler = cle_record_termination;
  sigemptyset(&action.sa_mask);
  if (sigaction(signo, &action, NULL) != 0) return -1;
  /* A mask inherited from the launcher must not hold the signal back. */
  sigemptyset(&signals);
  sigaddset(&signals, signo);
  return pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
}
static inline int cle_received_termination(void) { return cle_termination_signal; }
