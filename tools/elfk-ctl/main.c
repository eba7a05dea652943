// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: load ELF objects into the kernel through /dev/elfload.
 *
 * This file holds what every command shares: the command table, option
 * parsing, help, error reporting and access to the device.  Each command
 * lives in a cmd_*.c file; the ARG syntax of "call" in args.c; OBJ
 * resolution in obj.c.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "args.h"
#include "elfk-ctl.h"
#include "json.h"
#include "obj.h"

bool elfk_json;
static const char *elfk_device = ELFK_CTL_DEVICE;

/* Accepted before the command and after it, by every command. */
static const struct elfk_opt elfk_common_opts[] = {
	{ "json", 'j', NULL, "print output and errors as one JSON document" },
	{ "pretty", 'p', NULL, "the same, indented for people (implies --json)" },
	{ "device", 'd', "PATH",
	  "use PATH as the device (default " ELFK_CTL_DEVICE ")" },
	{ "help", 'h', NULL, "print this help and exit" },
	{ NULL },
};

static int elfk_cmd_help_fn(const struct elfk_cmd *cmd, struct elfk_args *args);
static int elfk_cmd_batch_fn(const struct elfk_cmd *cmd,
			     struct elfk_args *args);

static const struct elfk_cmd elfk_cmd_help = {
	.name = "help",
	.fn = elfk_cmd_help_fn,
	.synopsis = "[COMMAND]",
	.summary = "print the help of elfk-ctl or of COMMAND",
	.opts = (const struct elfk_opt[]){ { NULL } },
};

static const struct elfk_cmd elfk_cmd_batch = {
	.name = "batch",
	.fn = elfk_cmd_batch_fn,
	.synopsis = "FILE [--keep-going]",
	.summary = "run the commands of FILE in this one process",
	.details =
		"Run one command per line of FILE ('-': standard input), as\n"
		"'elfk-ctl LINE' would, but all in this process: the calls share\n"
		"one task, hence one thread-local storage block per object.\n"
		"Words are split as a shell splits a simple command, without\n"
		"expansions: blanks separate them, '...' and \"...\" quote, a\n"
		"backslash escapes, and a word starting with # starts a comment.\n"
		"Blank lines and comments are skipped; 'batch' cannot nest.\n"
		"Options given before or after 'batch' apply to every line; those\n"
		"on a line apply to that line only.  With --json each command\n"
		"prints its own document (one per line, unless --pretty).\n"
		"\n"
		"The first failing command stops the batch (as bpftool batch)\n"
		"and is reported with its line number; the exit status is that\n"
		"command's.  --keep-going runs the remaining lines and exits with\n"
		"the first failure's status.\n",
	.opts =
		(const struct elfk_opt[]){
			{ "keep-going", 0, NULL,
			  "run every line even after a failure" },
			{ NULL },
		},
};

static const struct elfk_cmd *const elfk_cmds[] = {
	&elfk_cmd_load, &elfk_cmd_unload, &elfk_cmd_list, &elfk_cmd_info,
	&elfk_cmd_sym,	&elfk_cmd_call,	  &elfk_cmd_check, &elfk_cmd_batch,
	&elfk_cmd_help,
};

/* The program itself, as a pseudo-command for option parsing and help. */
static const struct elfk_cmd elfk_main_cmd = {
	.name = NULL,
	.synopsis = "COMMAND [ARGS]...",
	.opts =
		(const struct elfk_opt[]){
			{ "version", 'V', NULL, "print the version and exit" },
			{ NULL },
		},
};

static const struct elfk_cmd *elfk_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(elfk_cmds); i++)
		if (!strcmp(elfk_cmds[i]->name, name))
			return elfk_cmds[i];
	return NULL;
}

/* ---- help ---------------------------------------------------------- */

static void elfk_print_usage_line(FILE *f, const struct elfk_cmd *cmd)
{
	if (cmd->name)
		fprintf(f, "Usage: elfk-ctl [OPTIONS] %s%s%s\n", cmd->name,
			*cmd->synopsis ? " " : "", cmd->synopsis);
	else
		fprintf(f, "Usage: elfk-ctl [OPTIONS] %s\n", cmd->synopsis);
}

static void elfk_print_opts(FILE *f, const struct elfk_opt *opts)
{
	char head[40];

	for (; opts->name; opts++) {
		snprintf(head, sizeof(head), "%c%c%s--%s%s%s",
			 opts->short_name ? '-' : ' ',
			 opts->short_name ? opts->short_name : ' ',
			 opts->short_name ? ", " : "  ", opts->name,
			 opts->arg ? " " : "", opts->arg ? opts->arg : "");
		fprintf(f, "  %-20s %s\n", head, opts->help);
	}
}

static void elfk_print_help(FILE *f, const struct elfk_cmd *cmd)
{
	size_t i;
	int w;

	elfk_print_usage_line(f, cmd);
	if (!cmd->name) {
		fputs("\nLoad ELF objects into the kernel through " ELFK_CTL_DEVICE
		      " and manage them.\n\nCommands:\n",
		      f);
		/* A synopsis too long for the column gets its own line. */
		for (i = 0; i < ARRAY_SIZE(elfk_cmds); i++) {
			w = fprintf(f, "  %s %s", elfk_cmds[i]->name,
				    elfk_cmds[i]->synopsis);
			if (w > 38)
				w = fprintf(f, "\n") - 1;
			fprintf(f, "%*s%s\n", 40 - w, "",
				elfk_cmds[i]->summary);
		}
	} else {
		fprintf(f, "\n%c%s.\n", toupper((unsigned char)*cmd->summary),
			cmd->summary + 1);
		if (cmd->details)
			fprintf(f, "\n%s", cmd->details);
	}
	fputs("\nOptions:\n", f);
	elfk_print_opts(f, cmd->opts);
	elfk_print_opts(f, elfk_common_opts);
	if (!cmd->name)
		fputs("\nOBJ is an object id (decimal) or name.\n"
		      "Run 'elfk-ctl COMMAND --help' for more about a command.\n"
		      "Exit status: 0 success, 1 refused by the kernel, 2 usage error,\n"
		      "3 cannot open the device or a file.\n",
		      f);
}

static int elfk_cmd_help_fn(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	const struct elfk_cmd *target = &elfk_main_cmd;

	if (args->npos > 1)
		return elfk_usage_error(cmd, "too many arguments");
	if (args->npos) {
		target = elfk_find_cmd(args->pos[0]);
		if (!target)
			return elfk_usage_error(cmd, "unknown command '%s'",
						args->pos[0]);
	}
	elfk_print_help(stdout, target);
	return ELFK_EXIT_OK;
}

/* ---- errors -------------------------------------------------------- */

/**
 * elfk_usage_error() - report a bad command line
 * @cmd: the command, or NULL before one was named
 * @fmt: printf() format of the message
 *
 * Plain: "elfk-ctl: CMD: message" and the command's usage line on stderr.
 * JSON: {"error":{"op":CMD,"message":...}} on stdout.
 *
 * Return: ELFK_EXIT_USAGE.
 */
int elfk_usage_error(const struct elfk_cmd *cmd, const char *fmt, ...)
{
	const char *name = cmd && cmd->name ? cmd->name : NULL;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (elfk_json) {
		jw_start_object();
		jw_key("error");
		jw_start_object();
		jw_key("op");
		if (name)
			jw_string(name);
		else
			jw_null();
		jw_key("message");
		jw_string(msg);
		jw_end_object();
		jw_end_object();
		jw_end_document();
		return ELFK_EXIT_USAGE;
	}
	fprintf(stderr, "elfk-ctl: %s%s%s\n", name ? name : "",
		name ? ": " : "", msg);
	elfk_print_usage_line(stderr, cmd ? cmd : &elfk_main_cmd);
	fprintf(stderr, "Try 'elfk-ctl %s%s--help'.\n", name ? name : "",
		name ? " " : "");
	return ELFK_EXIT_USAGE;
}

/* Where a failed operation on one symbol of one object happened. */
struct elfk_sym_where {
	const char *obj;
	__u32 id;
	const char *symbol;
};

static int elfk_error(const char *op, const char *target,
		      const struct elfk_sym_where *where, int err,
		      const char *message, const char *log, int status)
{
	const char *name = elfk_errno_name(err);
	const char *p, *nl;

	if (!message)
		message = strerror(err);
	if (elfk_json) {
		jw_start_object();
		jw_key("error");
		jw_start_object();
		jw_key("op");
		jw_string(op);
		if (target) {
			jw_key("target");
			jw_string(target);
		}
		if (where) {
			jw_key("object");
			jw_string(where->obj);
			jw_key("id");
			jw_u64(where->id);
			jw_key("symbol");
			jw_string(where->symbol);
		}
		jw_key("errno");
		jw_u64(err);
		jw_key("errno_name");
		if (name)
			jw_string(name);
		else
			jw_null();
		jw_key("message");
		jw_string(message);
		if (log) {
			jw_key("log");
			jw_string(log);
		}
		jw_end_object();
		jw_end_object();
		jw_end_document();
		return status;
	}

	if (where)
		fprintf(stderr, "elfk-ctl: %s %s %s: %s", op, where->obj,
			where->symbol, message);
	else
		fprintf(stderr, "elfk-ctl: %s%s%s: %s", op, target ? " " : "",
			target ? target : "", message);
	if (name)
		fprintf(stderr, " (%s)\n", name);
	else
		fprintf(stderr, " (errno %d)\n", err);
	for (p = log; p && *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		fprintf(stderr, "  %.*s\n",
			(int)(nl ? (size_t)(nl - p) : strlen(p)), p);
	}
	return status;
}

/**
 * elfk_errno_error() - report a failed system call
 * @op: what failed: the command name, or "open" for the device
 * @target: the FILE, OBJ or path concerned, or NULL
 * @err: the positive errno
 * @message: a message replacing strerror(@err), or NULL
 * @log: the kernel's log for this operation, or NULL or ""
 * @status: the exit status to return
 *
 * Plain: "elfk-ctl: OP TARGET: message (ENAME)" then each line of @log
 * indented by two spaces, on stderr.  JSON: {"error":{"op", "target",
 * "errno", "errno_name", "message", "log"}} on stdout.
 *
 * Return: @status.
 */
int elfk_errno_error(const char *op, const char *target, int err,
		     const char *message, const char *log, int status)
{
	return elfk_error(op, target, NULL, err, message, log, status);
}

/**
 * elfk_sym_error() - report a failed ELFK_IOC_SYM or ELFK_IOC_CALL
 * @op: "sym" or "call"
 * @obj: the OBJ argument
 * @id: the id it resolved to
 * @symbol: the SYMBOL argument
 * @err: the positive errno
 * @message: what @err means here (neither ioctl has a log buffer)
 * @log: the kernel log lines elfk printed meanwhile, or NULL
 *
 * Plain: "elfk-ctl: OP OBJ SYMBOL: message (ENAME)" and the log lines.
 * JSON: as elfk_errno_error() with target SYMBOL, plus "object" (OBJ),
 * "id" and "symbol".
 *
 * Return: ELFK_EXIT_KERNEL.
 */
int elfk_sym_error(const char *op, const char *obj, __u32 id,
		   const char *symbol, int err, const char *message,
		   const char *log)
{
	struct elfk_sym_where where = { obj, id, symbol };

	return elfk_error(op, symbol, &where, err, message, log,
			  ELFK_EXIT_KERNEL);
}

/* ---- the device ---------------------------------------------------- */

/**
 * elfk_open_device() - open the device named by -d (default /dev/elfload)
 *
 * A failure is reported as op "open", target the device's path.
 *
 * Return: the file descriptor, or -1 after reporting the error (the
 * command then exits with ELFK_EXIT_IO).
 */
int elfk_open_device(void)
{
	int fd = elfk_dev_open(elfk_device);

	if (fd < 0) {
		elfk_errno_error("open", elfk_device, -fd, NULL, NULL,
				 ELFK_EXIT_IO);
		return -1;
	}
	return fd;
}

/* The elfk_info_fn of obj.c on the device: @ctx points to its fd. */
int elfk_dev_info(void *ctx, struct elfk_info *info)
{
	return elfk_ioc_info(*(int *)ctx, info);
}

/**
 * elfk_resolve() - turn an OBJ argument into an id, reporting failures
 * @fd: the device
 * @op: the command, for error messages
 * @obj: the OBJ argument
 * @id: out: the id
 *
 * Return: ELFK_EXIT_OK, or the exit status after reporting the error.
 */
int elfk_resolve(int fd, const char *op, const char *obj, __u32 *id)
{
	int err = elfk_obj_resolve(obj, elfk_dev_info, &fd, id);

	switch (err) {
	case 0:
		return ELFK_EXIT_OK;
	case -ERANGE:
		return elfk_usage_error(elfk_find_cmd(op),
					"'%s' is not a valid id", obj);
	case -ENOENT:
		return elfk_errno_error(op, obj, ENOENT,
					"no loaded object has this name", NULL,
					ELFK_EXIT_KERNEL);
	case -ENOTUNIQ:
		return elfk_errno_error(op, obj, ENOTUNIQ,
					"several objects have this name; use an id",
					NULL, ELFK_EXIT_KERNEL);
	default:
		return elfk_errno_error(op, obj, -err, NULL, NULL,
					ELFK_EXIT_KERNEL);
	}
}

/* ---- option parsing ------------------------------------------------ */

/* Whether @o is the long option @name (@len bytes), or else @short_name. */
static int elfk_opt_matches(const struct elfk_opt *o, const char *name,
			    size_t len, char short_name)
{
	if (name)
		return strlen(o->name) == len && !strncmp(o->name, name, len);
	return o->short_name == short_name;
}

static const struct elfk_opt *elfk_lookup_opt(const struct elfk_cmd *cmd,
					      const char *name, size_t len,
					      char short_name, int *idx)
{
	const struct elfk_opt *tables[] = { cmd->opts, elfk_common_opts };
	const struct elfk_opt *o;
	size_t t;

	for (t = 0; t < ARRAY_SIZE(tables); t++) {
		for (o = tables[t]; o->name; o++) {
			if (elfk_opt_matches(o, name, len, short_name)) {
				*idx = t ? -1 : o - tables[t];
				return o;
			}
		}
	}
	return NULL;
}

/* --pretty: JSON, indented. Return: true, for elfk_json. */
static bool elfk_set_pretty(void)
{
	jw_pretty = true;
	return true;
}

/* Record an option; common ones take effect at once. */
static void elfk_set_opt(const struct elfk_opt *o, int idx, const char *val,
			 struct elfk_args *args, bool *help)
{
	if (idx >= 0 && args->nrep < ELFK_MAX_REPEAT) {
		args->rep[args->nrep] = val;
		args->rep_opt[args->nrep] = idx;
	}
	if (idx >= 0)
		args->nrep++;
	if (idx >= 0)
		args->val[idx] = val;
	else if (!strcmp(o->name, "json"))
		elfk_json = true;
	else if (!strcmp(o->name, "pretty"))
		elfk_json = elfk_set_pretty();
	else if (!strcmp(o->name, "device"))
		elfk_device = val;
	else if (!strcmp(o->name, "help"))
		*help = true;
}

/**
 * elfk_parse_opts() - split a command's arguments into options and the rest
 * @cmd: the command, whose options and the common ones are accepted
 * @argc: number of arguments, @argv[0] being the command's name
 * @argv: the arguments; positional ones are moved to @argv[1] on
 * @stop: stop at the first positional argument (options before COMMAND)
 * @args: out: options and positional arguments
 * @help: out: set when --help was given
 * @err: out: the first error, or "" when there was none
 * @errlen: size of @err
 *
 * Options may appear anywhere before "--", in the forms -x, -xVALUE,
 * -x VALUE, -xy (flags), --long, --long=VALUE and --long VALUE.  A word
 * "-" or one starting with "-" and a digit (a negative integer) is
 * positional.  Parsing goes on after an error so that a later --json
 * still decides the error's format.
 */
static void elfk_parse_opts(const struct elfk_cmd *cmd, int argc, char **argv,
			    bool stop, struct elfk_args *args, bool *help,
			    char *err, size_t errlen)
{
	const struct elfk_opt *o;
	bool only_pos = false;
	const char *a, *eq, *val;
	int i, j, idx;

	memset(args, 0, sizeof(*args));
	args->pos = argv + 1;
	*err = '\0';
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (only_pos || a[0] != '-' || !a[1] ||
		    (a[1] >= '0' && a[1] <= '9')) {
			if (stop) {
				while (i < argc)
					args->pos[args->npos++] = argv[i++];
				break;
			}
			args->pos[args->npos++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			o = elfk_lookup_opt(cmd, a + 2,
					    eq ? (size_t)(eq - a - 2) :
						 strlen(a + 2),
					    0, &idx);
			if (!o) {
				if (!*err)
					snprintf(err, errlen,
						 "unknown option '%s'", a);
				continue;
			}
			if (!o->arg && eq) {
				if (!*err)
					snprintf(err, errlen,
						 "option '--%s' takes no value",
						 o->name);
				continue;
			}
			val = "";
			if (o->arg) {
				if (eq) {
					val = eq + 1;
				} else if (i + 1 < argc) {
					val = argv[++i];
				} else {
					if (!*err)
						snprintf(err, errlen,
							 "option '--%s' needs %s",
							 o->name, o->arg);
					continue;
				}
			}
			elfk_set_opt(o, idx, val, args, help);
			continue;
		}
		for (j = 1; a[j]; j++) {
			o = elfk_lookup_opt(cmd, NULL, 0, a[j], &idx);
			if (!o) {
				if (!*err)
					snprintf(err, errlen,
						 "unknown option '-%c'", a[j]);
				break;
			}
			if (!o->arg) {
				elfk_set_opt(o, idx, "", args, help);
				continue;
			}
			if (a[j + 1]) {
				val = a + j + 1;
			} else if (i + 1 < argc) {
				val = argv[++i];
			} else {
				if (!*err)
					snprintf(err, errlen,
						 "option '-%c' needs %s", a[j],
						 o->arg);
				break;
			}
			elfk_set_opt(o, idx, val, args, help);
			break;
		}
	}
}

/**
 * elfk_opt_val() - the value of one of a command's own options
 * @cmd: the command
 * @args: its parsed arguments
 * @name: the option's long name
 *
 * Return: NULL when absent, "" for a flag given, else its argument.
 */
const char *elfk_opt_val(const struct elfk_cmd *cmd,
			 const struct elfk_args *args, const char *name)
{
	const struct elfk_opt *o;

	for (o = cmd->opts; o->name; o++)
		if (!strcmp(o->name, name))
			return args->val[o - cmd->opts];
	return NULL;
}

static int elfk_print_version(void)
{
	if (elfk_json) {
		jw_start_object();
		jw_key("version");
		jw_string(ELFK_CTL_VERSION);
		jw_key("abi");
		jw_start_object();
		jw_key("name_len");
		jw_u64(ELFK_NAME_LEN);
		jw_key("call_max_args");
		jw_u64(ELFK_CALL_MAX_ARGS);
		jw_end_object();
		jw_end_object();
		jw_end_document();
	} else {
		printf("elfk-ctl " ELFK_CTL_VERSION "\n");
	}
	return ELFK_EXIT_OK;
}

/* A batch line may hold at most this many words. */
#define ELFK_BATCH_MAX_WORDS 64

static bool elfk_in_batch;
static int elfk_main(int argc, char **argv);

/* Report that line @line of @file failed with @status, after its error. */
static void elfk_batch_report(const char *file, unsigned long line,
			      int status, const char *why)
{
	char where[4096 + 32];

	snprintf(where, sizeof(where), "%s:%lu",
		 strcmp(file, "-") ? file : "<stdin>", line);
	if (elfk_json) {
		jw_start_object();
		jw_key("error");
		jw_start_object();
		jw_key("op");
		jw_string("batch");
		jw_key("target");
		jw_string(where);
		jw_key("line");
		jw_u64(line);
		jw_key("status");
		jw_u64(status);
		jw_key("message");
		jw_string(why);
		jw_end_object();
		jw_end_object();
		jw_end_document();
	} else {
		fprintf(stderr, "elfk-ctl: batch %s: %s (exit status %d)\n",
			where, why, status);
	}
}

static int elfk_cmd_batch_fn(const struct elfk_cmd *cmd,
			     struct elfk_args *args)
{
	bool keep_going = elfk_opt_val(cmd, args, "keep-going");
	const char *saved_device = elfk_device;
	bool saved_json = elfk_json, saved_pretty = jw_pretty;
	char *words[ELFK_BATCH_MAX_WORDS + 1];
	int status = ELFK_EXIT_OK, ret, nwords;
	char *line = NULL, err[128];
	const char *path;
	unsigned long nr = 0;
	size_t cap = 0;
	FILE *f;

	if (elfk_in_batch)
		return elfk_usage_error(cmd, "batch cannot run from a batch");
	if (args->npos != 1)
		return elfk_usage_error(cmd, args->npos ? "too many arguments" :
							  "missing FILE");
	path = args->pos[0];
	if (!strcmp(path, "-")) {
		f = stdin;
		/* Its lines are the commands: no in:- may read it as data. */
		elfk_stdin_busy = true;
	} else {
		f = fopen(path, "re");
		if (!f)
			return elfk_errno_error(cmd->name, path, errno, NULL,
						NULL, ELFK_EXIT_IO);
	}

	elfk_in_batch = true;
	/* words[0] stands for the program's name, as argv[0] does. */
	words[0] = "elfk-ctl";
	while (getline(&line, &cap, f) >= 0) {
		nr++;
		line[strcspn(line, "\n")] = '\0';
		if (elfk_split_line(line, words + 1, ELFK_BATCH_MAX_WORDS,
				    &nwords, err, sizeof(err))) {
			ret = ELFK_EXIT_USAGE;
			elfk_batch_report(path, nr, ret, err);
		} else if (!nwords) {
			continue;
		} else {
			ret = elfk_main(nwords + 1, words);
			/* A line's own options end with it. */
			elfk_device = saved_device;
			elfk_json = saved_json;
			jw_pretty = saved_pretty;
			if (ret)
				elfk_batch_report(path, nr, ret,
						  "command failed");
		}
		fflush(stdout);
		if (ret && !status)
			status = ret;
		if (ret && !keep_going)
			break;
	}
	if (ferror(f) && !status)
		status = elfk_errno_error(cmd->name, path, errno, NULL, NULL,
					  ELFK_EXIT_IO);
	elfk_in_batch = false;
	free(line);
	if (f != stdin)
		fclose(f);
	return status;
}

static int elfk_main(int argc, char **argv)
{
	const struct elfk_cmd *cmd;
	struct elfk_args args;
	char err[256];
	bool help = false;

	elfk_parse_opts(&elfk_main_cmd, argc, argv, true, &args, &help, err,
			sizeof(err));
	if (*err)
		return elfk_usage_error(NULL, "%s", err);
	if (elfk_opt_val(&elfk_main_cmd, &args, "version"))
		return elfk_print_version();
	if (help) {
		elfk_print_help(stdout, &elfk_main_cmd);
		return ELFK_EXIT_OK;
	}
	if (!args.npos)
		return elfk_usage_error(NULL, "missing COMMAND");

	cmd = elfk_find_cmd(args.pos[0]);
	if (!cmd)
		return elfk_usage_error(NULL, "unknown command '%s'",
					args.pos[0]);

	/* args.pos[0] is the command: its arguments follow it. */
	argc = args.npos;
	argv = args.pos;
	elfk_parse_opts(cmd, argc, argv, false, &args, &help, err, sizeof(err));
	if (*err)
		return elfk_usage_error(cmd, "%s", err);
	if (help) {
		elfk_print_help(stdout, cmd);
		return ELFK_EXIT_OK;
	}
	return cmd->fn(cmd, &args);
}

int main(int argc, char **argv)
{
	int status = elfk_main(argc, argv);

	if (fflush(stdout) || ferror(stdout)) {
		if (!status)
			status = ELFK_EXIT_IO;
		fprintf(stderr, "elfk-ctl: write error on standard output\n");
	}
	return status;
}
