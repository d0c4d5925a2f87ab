/* fault-shim.c — an LD_PRELOAD library that makes writes fail as on a full disk
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preloaded into a program (chainsmith-cli, in tests/test-faults.c), it
 * watches the files whose path matches a pattern and, once armed, makes every
 * write to them fail with ENOSPC, as a full disk does: write, pwrite,
 * pwrite64, writev, pwritev, fsync, fdatasync, fallocate, posix_fallocate,
 * and ftruncate when it would grow the file (shrinking frees space, so a full
 * disk allows it). The environment drives it:
 *
 *   CS_FAULT_PATH    fnmatch(3) patterns, separated by “:”, matched against
 *                    the canonical path of each file when it is opened (“*”
 *                    matches “/” too). Unset: the shim does nothing.
 *   CS_FAULT_AFTER   N: the first N write operations on matching files
 *                    succeed, every later one fails. Unset: none fails.
 *   CS_FAULT_ARMED   1: fail from the first write (as CS_FAULT_AFTER=0).
 *   CS_FAULT_REPORT  a file that gets, at exit, the line
 *                    “writes=W failed=F” (W write operations on matching
 *                    files, F of them failed), so that a test learns how
 *                    many write points an operation has, and that the
 *                    shim did fail some.
 *
 * Descriptors are tracked from open, open64, openat, openat64, creat and
 * creat64 (and the fortified __open_2 forms) in a table, cleared on close;
 * the path is read back from /proc/self/fd, so relative paths and openat()
 * on a folder descriptor resolve too. Plain C without GLib: the shim must not
 * bring a second GLib into the program. Not followed: descriptors made by
 * dup()/fcntl(F_DUPFD), and files that libc opens internally (fopen), which
 * SQLite and the deploy code do not use for what they write.
 */

/* The shim defines open() and open64() both: no header may map one onto the
 * other, nor replace them with fortified inline versions. */
#undef _FILE_OFFSET_BITS
#undef _FORTIFY_SOURCE
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FDS 4096
#define PATTERNS_MAX 8

/* The fortified entry points have no prototype without _FORTIFY_SOURCE. */
int __open_2 (const char *path, int flags);
int __open64_2 (const char *path, int flags);
int __openat_2 (int dir_fd, const char *path, int flags);
int __openat64_2 (int dir_fd, const char *path, int flags);

static unsigned char tracked[MAX_FDS];
static char patterns_buffer[4096];
static const char *patterns[PATTERNS_MAX];
static int n_patterns;
static long fail_after = -1;   /* -1: never */
static long n_writes;
static long n_failed;

/* The next definition of @name, libc's. */
static void *
next_symbol (const char *name)
{
  void *symbol = dlsym (RTLD_NEXT, name);

  if (symbol == NULL)
    {
      fprintf (stderr, "fault-shim: %s not found\n", name);
      abort ();
    }
  return symbol;
}

#define REAL(type, name) \
  static type real_##name; \
  if (__atomic_load_n (&real_##name, __ATOMIC_ACQUIRE) == NULL) \
    __atomic_store_n (&real_##name, (type) next_symbol (#name), __ATOMIC_RELEASE)

typedef int     (*OpenFunc)      (const char *, int, ...);
typedef int     (*OpenatFunc)    (int, const char *, int, ...);
typedef int     (*Open2Func)     (const char *, int);
typedef int     (*Openat2Func)   (int, const char *, int);
typedef int     (*CreatFunc)     (const char *, mode_t);
typedef int     (*CloseFunc)     (int);
typedef ssize_t (*WriteFunc)     (int, const void *, size_t);
typedef ssize_t (*PwriteFunc)    (int, const void *, size_t, off_t);
typedef ssize_t (*Pwrite64Func)  (int, const void *, size_t, off64_t);
typedef ssize_t (*WritevFunc)    (int, const struct iovec *, int);
typedef ssize_t (*PwritevFunc)   (int, const struct iovec *, int, off_t);
typedef ssize_t (*Pwritev64Func) (int, const struct iovec *, int, off64_t);
typedef int     (*SyncFunc)      (int);
typedef int     (*TruncFunc)     (int, off_t);
typedef int     (*Trunc64Func)   (int, off64_t);
typedef int     (*FallocFunc)    (int, int, off_t, off_t);
typedef int     (*Falloc64Func)  (int, int, off64_t, off64_t);
typedef int     (*PFallocFunc)   (int, off_t, off_t);
typedef int     (*PFalloc64Func) (int, off64_t, off64_t);

static void
write_report (void)
{
  const char *report = getenv ("CS_FAULT_REPORT");
  FILE *file;

  if (report == NULL || *report == '\0')
    return;
  file = fopen (report, "we");
  if (file == NULL)
    return;
  fprintf (file, "writes=%ld failed=%ld\n", __atomic_load_n (&n_writes, __ATOMIC_SEQ_CST),
           __atomic_load_n (&n_failed, __ATOMIC_SEQ_CST));
  fclose (file);
}

/* Reads the environment once, when the library is loaded (before main). */
__attribute__((constructor)) static void
shim_init (void)
{
  const char *path = getenv ("CS_FAULT_PATH");
  const char *after = getenv ("CS_FAULT_AFTER");
  const char *armed = getenv ("CS_FAULT_ARMED");
  char *save = NULL;

  if (path != NULL && strlen (path) < sizeof patterns_buffer)
    {
      strcpy (patterns_buffer, path);
      for (char *p = strtok_r (patterns_buffer, ":", &save); p != NULL && n_patterns < PATTERNS_MAX;
           p = strtok_r (NULL, ":", &save))
        patterns[n_patterns++] = p;
    }
  if (after != NULL && *after != '\0')
    fail_after = strtol (after, NULL, 10);
  if (armed != NULL && strcmp (armed, "1") == 0)
    fail_after = 0;
}

__attribute__((destructor)) static void
shim_fini (void)
{
  write_report ();
}

static int
path_matches (const char *path)
{
  for (int i = 0; i < n_patterns; i++)
    if (fnmatch (patterns[i], path, 0) == 0)
      return 1;
  return 0;
}

/* Marks @fd (just opened) when its file matches a pattern. */
static int
track (int fd)
{
  char link[64];
  char path[4096];
  ssize_t length;

  if (fd < 0 || fd >= MAX_FDS || n_patterns == 0)
    return fd;
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  length = readlink (link, path, sizeof path - 1);
  if (length < 0)
    return fd;
  path[length] = '\0';
  __atomic_store_n (&tracked[fd], (unsigned char) path_matches (path), __ATOMIC_RELEASE);
  return fd;
}

/* Counts a write operation on @fd and tells whether it must fail (errno
 * set). */
static int
must_fail (int fd)
{
  long index;

  if (fd < 0 || fd >= MAX_FDS || !__atomic_load_n (&tracked[fd], __ATOMIC_ACQUIRE))
    return 0;
  index = __atomic_fetch_add (&n_writes, 1, __ATOMIC_SEQ_CST);
  if (fail_after < 0 || index < fail_after)
    return 0;
  __atomic_fetch_add (&n_failed, 1, __ATOMIC_SEQ_CST);
  errno = ENOSPC;
  return 1;
}

static mode_t
mode_argument (int     flags,
               va_list args)
{
  if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE)
    return (mode_t) va_arg (args, int);
  return 0;
}

/* Opening. */

int
open (const char *path,
      int         flags,
      ...)
{
  va_list args;
  mode_t mode;
  REAL (OpenFunc, open);

  va_start (args, flags);
  mode = mode_argument (flags, args);
  va_end (args);
  return track (real_open (path, flags, mode));
}

int
open64 (const char *path,
        int         flags,
        ...)
{
  va_list args;
  mode_t mode;
  REAL (OpenFunc, open64);

  va_start (args, flags);
  mode = mode_argument (flags, args);
  va_end (args);
  return track (real_open64 (path, flags, mode));
}

int
openat (int         dir_fd,
        const char *path,
        int         flags,
        ...)
{
  va_list args;
  mode_t mode;
  REAL (OpenatFunc, openat);

  va_start (args, flags);
  mode = mode_argument (flags, args);
  va_end (args);
  return track (real_openat (dir_fd, path, flags, mode));
}

int
openat64 (int         dir_fd,
          const char *path,
          int         flags,
          ...)
{
  va_list args;
  mode_t mode;
  REAL (OpenatFunc, openat64);

  va_start (args, flags);
  mode = mode_argument (flags, args);
  va_end (args);
  return track (real_openat64 (dir_fd, path, flags, mode));
}

int
__open_2 (const char *path,
          int         flags)
{
  REAL (Open2Func, __open_2);

  return track (real___open_2 (path, flags));
}

int
__open64_2 (const char *path,
            int         flags)
{
  REAL (Open2Func, __open64_2);

  return track (real___open64_2 (path, flags));
}

int
__openat_2 (int         dir_fd,
            const char *path,
            int         flags)
{
  REAL (Openat2Func, __openat_2);

  return track (real___openat_2 (dir_fd, path, flags));
}

int
__openat64_2 (int         dir_fd,
              const char *path,
              int         flags)
{
  REAL (Openat2Func, __openat64_2);

  return track (real___openat64_2 (dir_fd, path, flags));
}

int
creat (const char *path,
       mode_t      mode)
{
  REAL (CreatFunc, creat);

  return track (real_creat (path, mode));
}

int
creat64 (const char *path,
         mode_t      mode)
{
  REAL (CreatFunc, creat64);

  return track (real_creat64 (path, mode));
}

int
close (int fd)
{
  REAL (CloseFunc, close);

  if (fd >= 0 && fd < MAX_FDS)
    __atomic_store_n (&tracked[fd], 0, __ATOMIC_RELEASE);
  return real_close (fd);
}

/* Writing. */

ssize_t
write (int         fd,
       const void *buffer,
       size_t      size)
{
  REAL (WriteFunc, write);

  return must_fail (fd) ? -1 : real_write (fd, buffer, size);
}

ssize_t
pwrite (int         fd,
        const void *buffer,
        size_t      size,
        off_t       offset)
{
  REAL (PwriteFunc, pwrite);

  return must_fail (fd) ? -1 : real_pwrite (fd, buffer, size, offset);
}

ssize_t
pwrite64 (int         fd,
          const void *buffer,
          size_t      size,
          off64_t     offset)
{
  REAL (Pwrite64Func, pwrite64);

  return must_fail (fd) ? -1 : real_pwrite64 (fd, buffer, size, offset);
}

ssize_t
writev (int                 fd,
        const struct iovec *iov,
        int                 count)
{
  REAL (WritevFunc, writev);

  return must_fail (fd) ? -1 : real_writev (fd, iov, count);
}

ssize_t
pwritev (int                 fd,
         const struct iovec *iov,
         int                 count,
         off_t               offset)
{
  REAL (PwritevFunc, pwritev);

  return must_fail (fd) ? -1 : real_pwritev (fd, iov, count, offset);
}

ssize_t
pwritev64 (int                 fd,
           const struct iovec *iov,
           int                 count,
           off64_t             offset)
{
  REAL (Pwritev64Func, pwritev64);

  return must_fail (fd) ? -1 : real_pwritev64 (fd, iov, count, offset);
}

int
fsync (int fd)
{
  REAL (SyncFunc, fsync);

  return must_fail (fd) ? -1 : real_fsync (fd);
}

int
fdatasync (int fd)
{
  REAL (SyncFunc, fdatasync);

  return must_fail (fd) ? -1 : real_fdatasync (fd);
}

/* Only growing needs space. */
static int
grows (int   fd,
       off_t length)
{
  struct stat st;

  return fstat (fd, &st) != 0 || length > st.st_size;
}

int
ftruncate (int   fd,
           off_t length)
{
  REAL (TruncFunc, ftruncate);

  return grows (fd, length) && must_fail (fd) ? -1 : real_ftruncate (fd, length);
}

int
ftruncate64 (int     fd,
             off64_t length)
{
  REAL (Trunc64Func, ftruncate64);

  return grows (fd, length) && must_fail (fd) ? -1 : real_ftruncate64 (fd, length);
}

int
fallocate (int   fd,
           int   mode,
           off_t offset,
           off_t length)
{
  REAL (FallocFunc, fallocate);

  return must_fail (fd) ? -1 : real_fallocate (fd, mode, offset, length);
}

int
fallocate64 (int     fd,
             int     mode,
             off64_t offset,
             off64_t length)
{
  REAL (Falloc64Func, fallocate64);

  return must_fail (fd) ? -1 : real_fallocate64 (fd, mode, offset, length);
}

/* posix_fallocate returns the error instead of setting errno. */
int
posix_fallocate (int   fd,
                 off_t offset,
                 off_t length)
{
  REAL (PFallocFunc, posix_fallocate);

  return must_fail (fd) ? ENOSPC : real_posix_fallocate (fd, offset, length);
}

int
posix_fallocate64 (int     fd,
                   off64_t offset,
                   off64_t length)
{
  REAL (PFalloc64Func, posix_fallocate64);

  return must_fail (fd) ? ENOSPC : real_posix_fallocate64 (fd, offset, length);
}
