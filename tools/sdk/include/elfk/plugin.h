/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * elfk plugin SDK: the one header a plugin includes.
 *
 * A plugin is an x86_64 ELF shared object built with tools/sdk/elfk-plugin.mk.
 * elfk maps it into the kernel, resolves its undefined symbols against the
 * table declared below (tools/sdk/exported-symbols.txt is the same list),
 * runs DT_INIT, DT_INIT_ARRAY and elfk_init(), and lets userspace call the
 * functions it exports with ELFK_EXPORT.  See Documentation/plugin-sdk.rst.
 *
 * The header is freestanding: it needs only gcc's own <stddef.h>,
 * <stdint.h> and <stdarg.h>.  The SDK compiles with -nostdinc, so no libc
 * header can be pulled in by mistake.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_PLUGIN_H
#define _ELFK_PLUGIN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if !defined(__x86_64__) || !defined(__ELF__)
#error "elfk plugins are x86_64 ELF shared objects"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ELFK_EXPORT: put a function or object in the dynamic symbol table, where
 * elfk_ioctl(ELFK_IOC_SYM/ELFK_IOC_CALL) and other code can find it.  The
 * SDK compiles with -fvisibility=hidden, so anything not marked stays
 * private to the plugin and is bound at link time.
 */
#define ELFK_EXPORT __attribute__((visibility("default")))

/*
 * ELFK_EXPORT_TYPED(fn, PARAM...): declare the parameters of the exported
 * function fn, so that "elfk-ctl call --image PLUGIN" checks the ARGs
 * given for it and passes buffer lengths itself.  One PARAM per parameter,
 * in order, at most 6:
 *
 *   ELFK_INT           an integer (ARG: INTEGER)
 *   ELFK_STR           a NUL-terminated input string (ARG: str:TEXT)
 *   ELFK_IN_BUF(L)     an input buffer (str:TEXT or in:FILE)
 *   ELFK_OUT_BUF(L)    an output buffer (out:N, outstr:N, out:N:FILE)
 *   ELFK_INOUT_BUF(L)  a buffer read and written (inout:FILE)
 *   ELFK_LEN           a buffer's length: no ARG, elfk-ctl passes it
 *
 * L is the 0-based index of the buffer's ELFK_LEN parameter; every
 * ELFK_LEN belongs to exactly one buffer.  For example
 *
 *   ELFK_EXPORT long greet(char *out, long len) { ... }
 *   ELFK_EXPORT_TYPED(greet, ELFK_OUT_BUF(1), ELFK_LEN);
 *
 * lets "elfk-ctl call --image hello.so hello greet outstr:32" pass 32 as
 * len.  The declaration is the text "greet(elfk_out(1), elfk_len)" in the
 * section .elfk.types, which is not allocated: it costs the kernel
 * nothing and is read from the file (readelf -p .elfk.types shows it).
 * The post-link check verifies it, and that fn is exported.  Write it at
 * file scope.
 */
#define ELFK_INT elfk_int
#define ELFK_STR elfk_str
#define ELFK_LEN elfk_len
#define ELFK_IN_BUF(len) elfk_in(len)
#define ELFK_OUT_BUF(len) elfk_out(len)
#define ELFK_INOUT_BUF(len) elfk_inout(len)
#define __elfk_types_str(...) #__VA_ARGS__
#define __elfk_types_xstr(...) __elfk_types_str(__VA_ARGS__)
#define ELFK_EXPORT_TYPED(fn, ...)                                          \
	__asm__(".pushsection .elfk.types,\"\",@progbits\n\t"                 \
		".asciz \"" #fn "(" __elfk_types_xstr(__VA_ARGS__) ")\"\n\t"   \
		".popsection")

/*
 * ELFK_NEEDS("name"): an ET_REL plugin (elfk_plugin_rel) needs the object
 * loaded as "name", as a shared object names its DT_NEEDED libraries:
 * its undefined symbols bind to that object's exports (breadth-first
 * over the needed objects and theirs, then the kernel's table), and the
 * object cannot be unloaded while this one is loaded.  The name is
 * matched against an object's DT_SONAME, or, for an object without one
 * (every ET_REL object), the name it was loaded under.  One ELFK_NEEDS
 * per object, in lookup order, at file scope; at most 16, each at most
 * 63 bytes.  The names go to the section .elfk.needed, which is not
 * allocated.  A shared object ignores it: link it against its
 * dependencies instead (DT_NEEDED).
 */
#define ELFK_NEEDS(name)                                                    \
	__asm__(".pushsection .elfk.needed,\"\",@progbits\n\t"               \
		".asciz \"" name "\"\n\t"                                       \
		".popsection")

/*
 * ELFK_IMPORT: a function the plugin expects elfk to provide.  Functions
 * are extern by default; a data import also needs "extern" written out.
 */
#define ELFK_IMPORT __attribute__((visibility("default")))

#define __elfk_printf(a, b) __attribute__((format(printf, a, b)))

/* ssize_t is the kernel's __kernel_ssize_t: long on x86_64. */
#ifndef __ssize_t_defined
typedef long ssize_t;
#define __ssize_t_defined
#endif

/*
 * Kernel functions elfk exports.  The prototypes are the kernel's own
 * (lib/string.c, lib/vsprintf.c, kernel/time/timekeeping.c); u64 is
 * uint64_t.  The printf-style functions take the kernel's format language
 * (%pS, %*ph, ...), not libc's: there is no floating point.
 */
ELFK_IMPORT void *memcpy(void *dest, const void *src, size_t n);
ELFK_IMPORT void *memmove(void *dest, const void *src, size_t n);
ELFK_IMPORT void *memset(void *s, int c, size_t n);
ELFK_IMPORT int memcmp(const void *a, const void *b, size_t n);
ELFK_IMPORT size_t strlen(const char *s);
ELFK_IMPORT size_t strnlen(const char *s, size_t maxlen);
ELFK_IMPORT int strcmp(const char *a, const char *b);
ELFK_IMPORT int strncmp(const char *a, const char *b, size_t n);
/* Returns the length copied, or -E2BIG (-7) if @src was truncated. */
ELFK_IMPORT ssize_t strscpy(char *dest, const char *src, size_t count);
ELFK_IMPORT int snprintf(char *buf, size_t size, const char *fmt, ...)
	__elfk_printf(3, 4);
ELFK_IMPORT int vsnprintf(char *buf, size_t size, const char *fmt,
			  va_list args) __elfk_printf(3, 0);
ELFK_IMPORT uint64_t ktime_get_ns(void);

/*
 * The plugin runtime.  Every object gets its own handle, __elfk_self: an
 * undefined data symbol that elfk resolves, per object, to that object's
 * struct elfk_self.  The structure is opaque; only its address is used.
 * Call the runtime through the macros below, which pass the handle.
 */
struct elfk_self;
extern ELFK_IMPORT const struct elfk_self __elfk_self;

ELFK_IMPORT void elfk_self_printk(const struct elfk_self *self,
				  const char *fmt, ...) __elfk_printf(2, 3);
ELFK_IMPORT void *elfk_self_malloc(const struct elfk_self *self, size_t size);
ELFK_IMPORT void elfk_self_free(const struct elfk_self *self, void *p);

/*
 * elfk_printk() - print to the kernel log at KERN_INFO as
 * "elfk: <object name>: <message>".  Do not add a log level; the trailing
 * newline is optional.
 */
#define elfk_printk(fmt, ...) \
	elfk_self_printk(&__elfk_self, fmt, ##__VA_ARGS__)

/*
 * elfk_malloc() - zeroed kernel memory accounted to this object, or NULL.
 * elfk_free() - give it back (NULL is ignored).  What is still held at
 * unload is freed by elfk and reported as a leak in the kernel log.
 */
#define elfk_malloc(size) elfk_self_malloc(&__elfk_self, (size))
#define elfk_free(p) elfk_self_free(&__elfk_self, (p))

/*
 * Optional entry points, found by name.  Load runs DT_INIT, then
 * DT_INIT_ARRAY in order, then elfk_init(); a negative errno from
 * elfk_init() fails the load with that errno (DT_FINI_ARRAY and DT_FINI
 * run first; elfk_exit() does not).  Unload runs elfk_exit(), then
 * DT_FINI_ARRAY in reverse, then DT_FINI.  Declared here with default
 * visibility so that a plain definition is exported.
 */
ELFK_EXPORT int elfk_init(void);
ELFK_EXPORT void elfk_exit(void);

/*
 * The SDK builds with -ffreestanding (so that gcc's <stdint.h> does not
 * look for libc's), which also turns off gcc's knowledge of the string
 * functions.  Give it back, as the kernel's <asm/string_64.h> does: small
 * constant-size copies are inlined and constant strings folded, and what
 * is not inlined is a call to the table function of the same name.
 * Define ELFK_NO_BUILTINS before including this header to always call the
 * table functions.
 */
#ifndef ELFK_NO_BUILTINS
#define memcpy(d, s, n) __builtin_memcpy(d, s, n)
#define memmove(d, s, n) __builtin_memmove(d, s, n)
#define memset(s, c, n) __builtin_memset(s, c, n)
#define memcmp(a, b, n) __builtin_memcmp(a, b, n)
#define strlen(s) __builtin_strlen(s)
#define strcmp(a, b) __builtin_strcmp(a, b)
#endif

#define ELFK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Errno values plugins return (the kernel's, from <uapi/asm-generic/errno-base.h>). */
#define ELFK_EPERM 1
#define ELFK_ENOENT 2
#define ELFK_EIO 5
#define ELFK_E2BIG 7
#define ELFK_ENOMEM 12
#define ELFK_EFAULT 14
#define ELFK_EBUSY 16
#define ELFK_EINVAL 22
#define ELFK_ERANGE 34

#ifdef __cplusplus
}
#endif

#endif /* _ELFK_PLUGIN_H */
