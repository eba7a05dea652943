// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl call: ELFK_IOC_CALL.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "elfk-ctl.h"
#include "json.h"
#include "typed.h"

static const struct elfk_opt elfk_call_opts[] = {
	{ "signed", 's', NULL, "print the return value as signed decimal" },
	{ "hex", 'x', NULL, "print the return value in hex (0x...)" },
	{ "kthread", 'k', NULL, "make the call from a new kernel thread" },
	{ "workqueue", 'w', NULL,
	  "make the call from a work item on a kernel workqueue" },
	{ "image", 'i', "FILE",
	  "check ARGs against SYMBOL's ELFK_EXPORT_TYPED() in FILE" },
	{ NULL },
};

/* Open every out:N:FILE before the call, so a bad path costs no call. */
static int elfk_call_open_outputs(const struct elfk_call_params *cp, int *fds)
{
	unsigned int i;

	for (i = 0; i < cp->nr; i++) {
		fds[i] = -1;
		if (cp->param[i].out != ELFK_CALL_OUT_FILE)
			continue;
		fds[i] = open(cp->param[i].path,
			      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fds[i] < 0)
			return elfk_errno_error("call", cp->param[i].path,
						errno, NULL, NULL,
						ELFK_EXIT_IO);
	}
	return ELFK_EXIT_OK;
}

static void elfk_call_print_ret(__u64 ret, bool sgn, bool hex)
{
	if (elfk_json) {
		jw_key("ret");
		if (hex) {
			char s[24];

			snprintf(s, sizeof(s), "0x%llx",
				 (unsigned long long)ret);
			jw_string(s);
		} else if (sgn) {
			jw_s64((int64_t)ret);
		} else {
			jw_u64(ret);
		}
		return;
	}
	if (hex)
		printf("0x%llx\n", (unsigned long long)ret);
	else if (sgn)
		printf("%lld\n", (long long)ret);
	else
		printf("%llu\n", (unsigned long long)ret);
}

/* Write every out:N:FILE buffer; nothing has been printed yet. */
static int elfk_call_write_files(const struct elfk_call_params *cp, int *fds)
{
	const struct elfk_call_param *p;
	unsigned int i;
	int err;

	for (i = 0; i < cp->nr; i++) {
		p = &cp->param[i];
		if (p->out != ELFK_CALL_OUT_FILE)
			continue;
		err = elfk_write_all(fds[i], p->buf, p->len);
		if (close(fds[i]) && !err)
			err = -errno;
		fds[i] = -1;
		if (err)
			return elfk_errno_error("call", p->path, -err, NULL,
						NULL, ELFK_EXIT_IO);
	}
	return ELFK_EXIT_OK;
}

/* Print the return value and the output buffers, in argument order. */
static void elfk_call_print(const struct elfk_call_params *cp, __u64 ret,
			    bool sgn, bool hex)
{
	const struct elfk_call_param *p;
	unsigned int i;
	size_t j, n;

	if (elfk_json)
		jw_start_object();
	elfk_call_print_ret(ret, sgn, hex);
	if (elfk_json) {
		jw_key("out");
		jw_start_array();
	}
	for (i = 0; i < cp->nr; i++) {
		p = &cp->param[i];
		if (p->out != ELFK_CALL_OUT_TEXT && p->out != ELFK_CALL_OUT_HEX)
			continue;
		if (elfk_json) {
			jw_start_object();
			jw_key("arg");
			jw_u64(p->argno);
		}
		if (p->out == ELFK_CALL_OUT_TEXT) {
			n = strnlen(p->buf, p->len);
			if (elfk_json) {
				jw_key("text");
				jw_string_len(p->buf, n);
			} else {
				printf("arg%u: %.*s\n", p->argno, (int)n,
				       (const char *)p->buf);
			}
		} else {
			if (elfk_json) {
				jw_key("hex");
				jw_hex(p->buf, p->len);
			} else {
				printf("arg%u: ", p->argno);
				for (j = 0; j < p->len; j++)
					printf("%02x",
					       ((unsigned char *)p->buf)[j]);
				putchar('\n');
			}
		}
		if (elfk_json)
			jw_end_object();
	}
	if (elfk_json) {
		jw_end_array();
		jw_end_object();
		jw_end_document();
	}
}

/*
 * A typed call: read SYMBOL's descriptor from --image FILE and turn the
 * ARGs into the arguments it declares.  *@size gets SYMBOL's st_size in
 * FILE (~0 if absent), to check FILE against the loaded object.
 */
static int elfk_call_typed(const struct elfk_cmd *cmd, const char *image,
			   const char *symbol, struct elfk_call_params *cp,
			   unsigned long long *size)
{
	struct elfk_fn_type t;
	char msg[384];
	size_t len;
	void *buf;
	int err;

	err = elfk_read_input(image, &buf, &len, ELFK_CTL_BUF_MAX);
	if (err)
		return elfk_errno_error(cmd->name, image, -err, NULL, NULL,
					ELFK_EXIT_IO);
	err = elfk_type_find(buf, len, symbol, &t, size, msg, sizeof(msg));
	free(buf);
	if (err == -ENOENT)
		return ELFK_EXIT_OK;	/* undeclared: the plain syntax */
	if (err)
		return elfk_errno_error(cmd->name, image, -err, msg, NULL,
					ELFK_EXIT_IO);
	if (elfk_type_apply(&t, cp, msg, sizeof(msg)))
		return elfk_usage_error(cmd, "%s: %s", symbol, msg);
	return ELFK_EXIT_OK;
}

/* Refuse an --image FILE whose SYMBOL is not the size of OBJ's. */
static int elfk_call_check_image(const struct elfk_cmd *cmd, int fd, __u32 id,
				 const char *image, const char *obj,
				 const char *symbol, unsigned long long size)
{
	struct elfk_sym sym;

	memset(&sym, 0, sizeof(sym));
	sym.size = sizeof(sym);
	sym.id = id;
	sym.name = (uintptr_t)symbol;
	/* Not found: the call itself fails and says why. */
	if (size == ~0ULL || elfk_ioc_sym(fd, &sym) ||
	    sym.sym_size == size)
		return ELFK_EXIT_OK;
	return elfk_usage_error(cmd,
				"%s is not the image of %s: '%s' is %llu bytes there, %llu in the object",
				image, obj, symbol, size,
				(unsigned long long)sym.sym_size);
}

static int elfk_call(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	const char *image = elfk_opt_val(cmd, args, "image");
	unsigned long long image_size = ~0ULL;
	bool sgn = elfk_opt_val(cmd, args, "signed");
	bool hex = elfk_opt_val(cmd, args, "hex");
	bool kthread = elfk_opt_val(cmd, args, "kthread");
	bool workqueue = elfk_opt_val(cmd, args, "workqueue");
	int fds[ELFK_CALL_MAX_ARGS];
	struct elfk_call_params cp;
	const char *obj, *symbol;
	struct elfk_call call;
	unsigned int i;
	char msg[512];
	int fd, err, status, kmsg;
	__u32 id;

	if (args->npos < 2)
		return elfk_usage_error(cmd, "missing OBJ or SYMBOL");
	if (sgn && hex)
		return elfk_usage_error(cmd,
					"--signed and --hex exclude each other");
	if (kthread && workqueue)
		return elfk_usage_error(cmd,
					"--kthread and --workqueue exclude each other");
	obj = args->pos[0];
	symbol = args->pos[1];

	status = parse_call_args(args->npos - 2, args->pos + 2, &cp, msg,
				 sizeof(msg));
	if (status == ELFK_EXIT_USAGE)
		return elfk_usage_error(cmd, "%s", msg);
	if (status)
		return elfk_errno_error(cmd->name, NULL, cp.error, msg, NULL,
					status);
	for (i = 0; i < ELFK_CALL_MAX_ARGS; i++)
		fds[i] = -1;
	if (image) {
		status = elfk_call_typed(cmd, image, symbol, &cp, &image_size);
		if (status)
			goto out_params;
	}

	fd = elfk_open_device();
	if (fd < 0) {
		status = ELFK_EXIT_IO;
		goto out_params;
	}
	status = elfk_resolve(fd, cmd->name, obj, &id);
	if (status)
		goto out_dev;
	status = elfk_call_check_image(cmd, fd, id, image, obj, symbol,
				       image_size);
	if (status)
		goto out_dev;
	status = elfk_call_open_outputs(&cp, fds);
	if (status)
		goto out_files;

	memset(&call, 0, sizeof(call));
	call.size = sizeof(call);
	if (kthread)
		call.flags = ELFK_CALL_KTHREAD;
	else if (workqueue)
		call.flags = ELFK_CALL_WORKQUEUE;
	call.id = id;
	call.nr_args = cp.nr;
	call.symbol = (uintptr_t)symbol;
	for (i = 0; i < cp.nr; i++) {
		call.args[i].kind = cp.param[i].kind;
		if (cp.param[i].kind == ELFK_ARG_INT) {
			call.args[i].value = cp.param[i].value;
		} else {
			call.args[i].value = (uintptr_t)cp.param[i].buf;
			call.args[i].len = cp.param[i].len;
		}
	}
	kmsg = elfk_kmsg_open();
	err = elfk_ioc_call(fd, &call);
	if (err) {
		status = elfk_sym_failure(fd, cmd->name, obj, id, symbol, -err,
					  kmsg);
		goto out_files;
	}
	if (kmsg >= 0)
		close(kmsg);

	status = elfk_call_write_files(&cp, fds);
	if (!status)
		elfk_call_print(&cp, call.ret, sgn, hex);
out_files:
	for (i = 0; i < ELFK_CALL_MAX_ARGS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
out_dev:
	close(fd);
out_params:
	elfk_call_params_free(&cp);
	return status;
}

const struct elfk_cmd elfk_cmd_call = {
	.name = "call",
	.fn = elfk_call,
	.synopsis =
		"OBJ SYMBOL [--signed | --hex] [--kthread | --workqueue] [--image FILE] [ARG]...",
	.summary = "call a function an object exports",
	.details =
		"Call SYMBOL, a function of OBJ, with at most 6 arguments, and print\n"
		"its return value (unsigned decimal by default), then one line\n"
		"\"argK: ...\" per output buffer, K counting ARGs from 1.  ARG is:\n"
		"\n"
		"  INTEGER      a 64-bit integer: decimal, 0x hex or 0 octal, with an\n"
		"               optional sign (C syntax, as strtoll/strtoull base 0)\n"
		"  str:TEXT     a buffer holding TEXT and its terminating NUL\n"
		"  in:FILE      a buffer holding FILE's bytes ('-': standard input)\n"
		"  out:N        an N-byte zeroed buffer, printed in hex afterwards\n"
		"  outstr:N     an N-byte zeroed buffer, printed as text up to the\n"
		"               first NUL afterwards\n"
		"  out:N:FILE   an N-byte zeroed buffer, written to FILE afterwards\n"
		"  inout:FILE   a buffer holding FILE's bytes, printed in hex\n"
		"               afterwards\n"
		"\n"
		"By default the call runs in elfk-ctl's own task.  --kthread runs it\n"
		"on a new kernel thread and --workqueue in a work item on a kernel\n"
		"workqueue (system_unbound_wq); each context has its own thread-local\n"
		"storage.  Buffers are copied in and out by elfk-ctl's task either way.\n"
		"\n"
		"With --image FILE, the plugin file OBJ was loaded from, a function\n"
		"declared with ELFK_EXPORT_TYPED() is a typed call: one ARG per\n"
		"declared parameter except the ELFK_LEN ones, of the declared kind,\n"
		"and elfk-ctl passes each buffer's length itself.  A function FILE\n"
		"declares nothing for takes the ARGs above.  FILE is refused when\n"
		"SYMBOL's size there differs from the loaded object's.\n"
		"\n"
		"Use \"--\" before ARGs that could be read as options.\n",
	.opts = elfk_call_opts,
};
