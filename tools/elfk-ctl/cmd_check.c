// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl check: the kernel's validator, run here (elfk_check_image()).
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfk-ctl.h"
#include "json.h"

/* As ELFK_IOC_LOAD's log in "elfk-ctl load": room for any message. */
#define ELFK_CHECK_LOG_SIZE (64 * 1024)
/* Most names a --symbols file may list. */
#define ELFK_CHECK_MAX_SYMBOLS 65536

static const struct elfk_opt elfk_check_opts[] = {
	{ "symbols", 0, "FILE",
	  "the kernel's exported names, one a line (default: the SDK's list)" },
	{ "ibt", 0, NULL,
	  "check indirect-branch targets (ENDBR64), as a kernel enforcing IBT" },
	{ "verbose", 'v', NULL, "print the log of every phase" },
	{ NULL },
};

/*
 * The names of a --symbols FILE, in exported-symbols.txt's format: one a
 * line, '#' to the end of the line is a comment.  @text is modified.
 */
static int elfk_check_symbols(char *text, const char ***names, __u32 *nr)
{
	const char **v = NULL;
	char *line, *save, *p, *end;
	__u32 n = 0;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		p = strchr(line, '#');
		if (p)
			*p = '\0';
		p = line + strspn(line, " \t\r");
		end = p + strcspn(p, " \t\r");
		*end = '\0';
		if (!*p)
			continue;
		if (n == ELFK_CHECK_MAX_SYMBOLS) {
			free(v);
			return -E2BIG;
		}
		if (!(n & (n - 1)) || !n) {
			const char **tmp = realloc(v, (n ? 2 * n : 16) * sizeof(*v));

			if (!tmp) {
				free(v);
				return -ENOMEM;
			}
			v = tmp;
		}
		v[n++] = p;
	}
	*names = v;
	*nr = n;
	return 0;
}

static void elfk_check_print(const char *file, const char *log)
{
	if (elfk_json) {
		jw_start_object();
		jw_key("file");
		jw_string(file);
		jw_key("result");
		jw_string("accepted");
		jw_key("log");
		jw_string(log);
		jw_end_object();
		jw_end_document();
		return;
	}
	printf("%s: accepted by elfk's validator\n", file);
	if (*log)
		fputs(log, stdout);
}

static int elfk_check(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	const char *symfile = elfk_opt_val(cmd, args, "symbols");
	bool verbose = elfk_opt_val(cmd, args, "verbose");
	struct elfk_check_opts opts = { 0 };
	struct elfk_input in = { .fd = -1 };
	const char **names = NULL;
	void *symtext = NULL;
	size_t symlen;
	char *log = NULL;
	const char *file;
	int err, status;

	if (args->npos != 1)
		return elfk_usage_error(cmd, "expected one FILE");
	file = args->pos[0];
	if (symfile) {
		/* One more byte for the NUL that makes it a string. */
		err = elfk_read_input(symfile, &symtext, &symlen,
				      ELFK_CTL_BUF_MAX);
		if (!err) {
			char *t = realloc(symtext, symlen + 1);

			err = t ? 0 : -ENOMEM;
			if (t) {
				t[symlen] = '\0';
				symtext = t;
				err = elfk_check_symbols(t, &names,
							 &opts.nr_symbols);
			}
		}
		if (err) {
			status = elfk_errno_error(cmd->name, symfile, -err, NULL,
						  NULL, ELFK_EXIT_IO);
			goto out;
		}
		opts.symbols = names;
	}
	err = elfk_map_input(file, &in, ELFK_CTL_BUF_MAX);
	if (err) {
		status = elfk_errno_error(cmd->name, file, -err, NULL, NULL,
					  ELFK_EXIT_IO);
		goto out;
	}
	log = calloc(1, ELFK_CHECK_LOG_SIZE);
	if (!log) {
		status = elfk_errno_error(cmd->name, file, ENOMEM, NULL, NULL,
					  ELFK_EXIT_IO);
		goto out;
	}
	opts.flags = elfk_opt_val(cmd, args, "ibt") ? ELFK_CHECK_IBT : 0;
	/* A mapped file: its whole pages are placed in place, as ld.so maps. */
	if (in.mapped) {
		opts.flags |= ELFK_CHECK_FD;
		opts.fd = in.fd;
	}
	opts.log_buf = log;
	opts.log_size = ELFK_CHECK_LOG_SIZE;
	opts.log_level = verbose ? ELFK_LOG_LEVEL_VERBOSE : ELFK_LOG_LEVEL_ERROR;
	err = elfk_check_image(in.buf, in.len, &opts);
	if (err) {
		/* As "elfk-ctl load" reports the kernel's refusal. */
		status = elfk_errno_error(cmd->name, file, -err, NULL, log,
					  err == -ENOMEM ? ELFK_EXIT_IO :
							   ELFK_EXIT_KERNEL);
		goto out;
	}
	elfk_check_print(file, verbose ? log : "");
	status = ELFK_EXIT_OK;
out:
	free(log);
	elfk_input_free(&in);
	free(names);
	free(symtext);
	return status;
}

const struct elfk_cmd elfk_cmd_check = {
	.name = "check",
	.fn = elfk_check,
	.synopsis = "FILE [--symbols FILE] [--ibt] [--verbose]",
	.summary = "check an ELF object with the kernel's validator, without loading it",
	.details =
		"Run on FILE ('-': standard input) what the kernel runs on a load\n"
		"before any code of the object executes, with the kernel's own code\n"
		"(libelfk's elfk_check_image()): the image size cap, every header\n"
		"and table, the layout, symbol binding, every relocation, the\n"
		"init/fini entries and the page permissions.  If the kernel would\n"
		"refuse FILE, print the errno and the kernel's message as \"load\"\n"
		"does, and exit with status 1.\n"
		"\n"
		"Undefined symbols bind to the kernel's exported names: the SDK's\n"
		"list, or those of --symbols FILE.  What only the running kernel\n"
		"knows is not checked: which objects are loaded (a symbol missing\n"
		"from the list is assumed to come from a DT_NEEDED object, if FILE\n"
		"names one), the signature policy, the object's name, IFUNC\n"
		"resolvers and elfk_init().  --ibt also checks indirect-branch\n"
		"targets, as a kernel that enforces IBT does.\n",
	.opts = elfk_check_opts,
};
