/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk-ctl: shared declarations of the userspace tool.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_CTL_H
#define _ELFK_CTL_H

#include <stdbool.h>
#include <stddef.h>

#include <elfk/libelfk.h>

/* The kernel's spelling of the format attribute, for checkpatch's sake. */
#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

#define ELFK_CTL_DEVICE "/dev/elfload"

/* Exit statuses; Documentation/elfk-ctl.rst, EXIT STATUS, lists them. */
enum {
	ELFK_EXIT_OK = 0,
	ELFK_EXIT_KERNEL = 1, /* the kernel refused the operation */
	ELFK_EXIT_USAGE = 2, /* bad command line */
	ELFK_EXIT_IO = 3, /* cannot open the device or a file */
};

/* Largest file or buffer the tool reads or allocates for the kernel. */
#define ELFK_CTL_BUF_MAX 0x40000000UL

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/**
 * struct elfk_opt - one option of a command
 * @name: the long name, without "--"
 * @short_name: the one-letter name, or 0
 * @arg: the name of its argument in help text, or NULL for a flag
 * @help: one line for --help
 */
struct elfk_opt {
	const char *name;
	char short_name;
	const char *arg;
	const char *help;
};

#define ELFK_MAX_OPTS 8
#define ELFK_MAX_REPEAT 32

/**
 * struct elfk_args - a command line after option parsing
 * @val: per entry of the command's @opts: NULL when absent, the argument
 *       (or "" for a flag) when given; the last occurrence wins
 * @pos: the positional arguments, in order
 * @npos: how many
 * @rep: every occurrence of the command's own options, in order: the
 *       value (as in @val) ...
 * @rep_opt: ... and the index of the option in the command's @opts
 * @nrep: how many occurred (those past ELFK_MAX_REPEAT are counted, not
 *        kept); for options that may be repeated
 */
struct elfk_args {
	const char *val[ELFK_MAX_OPTS];
	char **pos;
	int npos;
	const char *rep[ELFK_MAX_REPEAT];
	int rep_opt[ELFK_MAX_REPEAT];
	int nrep;
};

/**
 * struct elfk_cmd - one subcommand
 * @name: as typed
 * @fn: runs it; returns an ELFK_EXIT_* status
 * @synopsis: what follows the name in the usage line
 * @summary: one line for the global --help
 * @details: paragraphs for "elfk-ctl NAME --help", or NULL
 * @opts: its own options (the global ones are accepted too), ended by an
 *        entry without @name
 */
struct elfk_cmd {
	const char *name;
	int (*fn)(const struct elfk_cmd *cmd, struct elfk_args *args);
	const char *synopsis;
	const char *summary;
	const char *details;
	const struct elfk_opt *opts;
};

/* main.c */
extern bool elfk_json;

const char *elfk_opt_val(const struct elfk_cmd *cmd,
			 const struct elfk_args *args, const char *name);
__printf(2, 3)
int elfk_usage_error(const struct elfk_cmd *cmd, const char *fmt, ...);
int elfk_errno_error(const char *op, const char *target, int err,
		     const char *message, const char *log, int status);
int elfk_sym_error(const char *op, const char *obj, __u32 id,
		   const char *symbol, int err, const char *message,
		   const char *log);
int elfk_open_device(void);
int elfk_dev_info(void *ctx, struct elfk_info *info);
int elfk_resolve(int fd, const char *op, const char *obj, __u32 *id);

/* cmd_load.c, cmd_object.c, cmd_call.c */
extern const struct elfk_cmd elfk_cmd_load, elfk_cmd_unload, elfk_cmd_list,
	elfk_cmd_info, elfk_cmd_sym, elfk_cmd_call, elfk_cmd_check;

/* cmd_object.c */
int elfk_sym_failure(int fd, const char *op, const char *obj, __u32 id,
		     const char *symbol, int err, int kmsg_fd);

/* kmsg.c */
int elfk_kmsg_open(void);
char *elfk_kmsg_collect(int fd);

/* io.c */

/**
 * struct elfk_input - an input file's bytes (elfk_map_input())
 * @path: its name, for messages
 * @buf: the bytes
 * @len: how many
 * @fd: the file, open while @buf maps it; else -1
 * @mapped: @buf is the file's mapping (munmap()), else malloc()ed
 * @next: the next mapped input (io.c's list, for its SIGBUS handler)
 */
struct elfk_input {
	const char *path;
	void *buf;
	size_t len;
	int fd;
	bool mapped;
	struct elfk_input *next;
};

/* The message of a failure after a mapped input's file changed size. */
#define ELFK_INPUT_CHANGED "the file changed size while it was read"

int elfk_read_input(const char *path, void **buf, size_t *len, size_t max);
int elfk_map_input(const char *path, struct elfk_input *in, size_t max);
bool elfk_input_changed(const struct elfk_input *in);
void elfk_input_free(struct elfk_input *in);
int elfk_write_all(int fd, const void *buf, size_t len);

#endif /* _ELFK_CTL_H */
