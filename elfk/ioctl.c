// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/elfload: the ioctl ABI of uapi/linux/elfk.h, as a thin client of the
 * in-kernel API in elfk.h.
 *
 * One dispatch table maps each command to its handler and structure size;
 * structures are copied with copy_struct_from_user(), so older and newer
 * callers work as long as the bytes one side does not know are zero.
 */
#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/completion.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/sched/task.h>
#include <linux/workqueue.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "internal.h"

#define ELFK_MAX_LOG_SIZE (16U << 20)
#define ELFK_MAX_SYMBOL_LEN 512

/* ---- helpers -------------------------------------------------------------- */

static int copy_name_from_user(char *dst, size_t size, u64 uptr)
{
	long n = strncpy_from_user(dst, u64_to_user_ptr(uptr), size);

	if (n < 0)
		return n;
	if (n == size)
		return -ENAMETOOLONG;
	return n ? 0 : -EINVAL;
}

/* Names are used on command lines and in log prefixes: keep them plain. */
static bool name_valid(const char *name)
{
	bool digits_only = true;
	const char *p;

	for (p = name; *p; p++) {
		if (!isalnum(*p) && !strchr("._+-", *p))
			return false;
		if (!isdigit(*p))
			digits_only = false;
	}
	return !digits_only;
}

/* ---- LOAD ------------------------------------------------------------------ */

static int load_args_valid(const struct elfk_load *cmd)
{
	if (cmd->flags & ~ELFK_LOAD_VERIFIED)
		return -EINVAL;
	if (!cmd->log_buf != !cmd->log_size || !cmd->log_buf != !cmd->log_level)
		return -EINVAL;
	if (cmd->log_level > ELFK_LOG_LEVEL_VERBOSE ||
	    cmd->log_size > ELFK_MAX_LOG_SIZE)
		return -EINVAL;
	return 0;
}

/*
 * What a LOAD tells its caller: the log, then the structure (id and
 * log_true_size).  A fault here must fail the load, so on success this
 * runs before the object is published (load_commit()).
 */
static int load_copy_out(struct elfk_load *cmd, const char *log_buf,
			 void __user *uarg, u32 usize)
{
	if (log_buf &&
	    copy_to_user(u64_to_user_ptr(cmd->log_buf), log_buf,
			 min(cmd->log_true_size, cmd->log_size)))
		return -EFAULT;
	if (copy_to_user(uarg, cmd, min_t(u32, sizeof(*cmd), usize)))
		return -EFAULT;
	return 0;
}

static void image_free(struct elfk_image *img)
{
	unsigned long i;

	if (img->data)
		vunmap(img->data);
	for (i = 0; img->pages && i < img->nr_pages; i++)
		if (img->pages[i])
			__free_page(img->pages[i]);
	kvfree(img->pages);
}

/*
 * The only read of the user's image: page by page (no large contiguous
 * allocation, nothing zeroed but the last page's tail), then one read-only
 * vmap() of the pages that parsing and every check read.  The object may
 * take whole pages of it in place (elfk_object_alloc()).
 */
static int image_from_user(struct elfk_image *img, u64 uptr, u64 len,
			   struct elfk_log *log)
{
	unsigned long i, n;
	void *p;

	img->len = len;
	img->nr_pages = max_t(unsigned long, DIV_ROUND_UP(len, PAGE_SIZE), 1);
	img->pages = kvcalloc(img->nr_pages, sizeof(*img->pages),
			      GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!img->pages)
		goto nomem;
	for (i = 0; i < img->nr_pages; i++) {
		img->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!img->pages[i])
			goto nomem;
		n = min_t(u64, len - min_t(u64, len, (u64)i << PAGE_SHIFT),
			  PAGE_SIZE);
		p = kmap_local_page(img->pages[i]);
		if (n < PAGE_SIZE)
			memset(p + n, 0, PAGE_SIZE - n);
		if (n && copy_from_user(p, u64_to_user_ptr(uptr) +
					((u64)i << PAGE_SHIFT), n)) {
			kunmap_local(p);
			return -EFAULT;
		}
		kunmap_local(p);
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	img->data = vmap(img->pages, img->nr_pages, VM_MAP, PAGE_KERNEL_RO);
	if (!img->data)
		goto nomem;
	return 0;

nomem:
	/* image_free() frees what was allocated. */
	return elfk_reject(log, -ENOMEM,
			   "out of memory for a copy of the %llu-byte image",
			   (unsigned long long)len);
}

struct load_ctx {
	struct elfk_load *cmd;
	struct elfk_load_opts *opts;
	void __user *uarg;
	u32 usize;
};

static int load_commit(void *data, struct elfk_object *obj)
{
	struct load_ctx *ctx = data;

	ctx->cmd->id = elfk_object_id(obj);
	ctx->cmd->log_true_size = ctx->opts->log_true_size;
	return load_copy_out(ctx->cmd, ctx->opts->log_buf, ctx->uarg,
			     ctx->usize);
}

static int elfk_ioctl_load(void *arg, void __user *uarg, u32 usize)
{
	struct elfk_load *cmd = arg;
	struct elfk_load_opts opts = {};
	struct load_ctx ctx = {
		.cmd = cmd, .opts = &opts, .uarg = uarg, .usize = usize,
	};
	char name[ELFK_NAME_LEN];
	struct elfk_image img = {};
	struct elfk_object *obj;
	struct elfk_log log;
	int err;

	err = load_args_valid(cmd);
	if (err)
		return err;
	if (cmd->log_size) {
		opts.log_buf = kvzalloc(cmd->log_size,
					GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!opts.log_buf)
			return -ENOMEM;
		opts.log_size = cmd->log_size;
		opts.log_level = cmd->log_level;
	}
	elfk_log_init(&log, opts.log_buf, opts.log_size, opts.log_level);
	opts.flags = cmd->flags;

	if (cmd->name) {
		err = copy_name_from_user(name, sizeof(name), cmd->name);
		if (!err && !name_valid(name))
			err = -EINVAL;
		if (err) {
			elfk_reject(&log, err,
				    "name must be 1 to %d characters of [A-Za-z0-9._+-], not all digits",
				    ELFK_NAME_LEN - 1);
			goto out_log;
		}
		opts.name = name;
	}
	/* Refuse an oversized image before allocating anything for it. */
	if (cmd->image_len > elfk_max_image_size) {
		err = elfk_reject(&log, -EFBIG,
				  "image is %llu bytes, above the max_image_size cap of %u",
				  (unsigned long long)cmd->image_len,
				  elfk_max_image_size);
		goto out_log;
	}
	err = elfk_policy_load_data(&log);
	if (err)
		goto out_log;
	err = image_from_user(&img, cmd->image, cmd->image_len, &log);
	if (err)
		goto out_image;
	/* The hook's buffer is not const; LSMs read it, and it is mapped RO. */
	err = elfk_policy_post_load_data((void *)img.data, cmd->image_len,
					 &log);
	if (err)
		goto out_image;

	obj = elfk_object_load_commit(img.data, cmd->image_len, &img, &opts,
				      load_commit, &ctx);
	/* The object holds its own references to the pages it took. */
	image_free(&img);
	if (!IS_ERR(obj)) {
		/* Published: the caller has its results already. */
		elfk_object_put(obj);
		kvfree(opts.log_buf);
		return 0;
	}
	err = PTR_ERR(obj);
	log.len_total = opts.log_true_size ? opts.log_true_size - 1 : 0;
	goto out_log;
out_image:
	image_free(&img);
out_log:
	/* Nothing is loaded; the load's errno says more than a fault here. */
	cmd->id = 0;
	cmd->log_true_size = elfk_log_true_size(&log);
	load_copy_out(cmd, opts.log_buf, uarg, usize);
	kvfree(opts.log_buf);
	return err;
}

/* ---- UNLOAD, INFO, SYM ----------------------------------------------------- */

/* Why an object cannot be unloaded, in the caller's words. */
static void explain_busy(struct elfk_object *obj, struct elfk_log *log)
{
	char name[ELFK_NAME_LEN];
	int id = elfk_registry_dependent(obj, name, sizeof(name));

	if (id)
		elfk_log_err(log, "'%s' (id %u) is needed by '%s' (id %d): unload that first",
			     obj->name, obj->id, name, id);
	else
		elfk_log_err(log, "'%s' (id %u) is in use: a call is in flight or a kernel module holds it",
			     obj->name, obj->id);
}

static int elfk_ioctl_unload(void *arg, void __user *uarg, u32 usize)
{
	struct elfk_unload *cmd = arg;
	struct elfk_object *obj;
	struct elfk_log log;
	char *buf = NULL;
	int err;

	if (cmd->flags || cmd->__reserved || !cmd->log_buf != !cmd->log_size ||
	    cmd->log_size > ELFK_MAX_LOG_SIZE)
		return -EINVAL;
	obj = elfk_object_get(cmd->id);
	if (!obj)
		return -ENOENT;
	err = elfk_object_unload(obj);
	if (err == -EBUSY && cmd->log_size) {
		buf = kvzalloc(cmd->log_size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		elfk_log_init(&log, buf, buf ? cmd->log_size : 0,
			      ELFK_LOG_LEVEL_ERROR);
		explain_busy(obj, &log);
		cmd->log_true_size = elfk_log_true_size(&log);
		if (buf && copy_to_user(u64_to_user_ptr(cmd->log_buf), buf,
					min(cmd->log_true_size, cmd->log_size)))
			err = -EFAULT;
		kvfree(buf);
	}
	elfk_object_put(obj);
	return err;
}

static int elfk_ioctl_info(void *arg, void __user *uarg, u32 usize)
{
	struct elfk_info *cmd = arg;
	struct elfk_object *obj;
	u32 id = cmd->id;

	if ((cmd->flags & ~ELFK_INFO_NEXT) || cmd->__reserved)
		return -EINVAL;
	obj = elfk_registry_next(&id);
	if (!obj)
		return -ENOENT;
	if (!(cmd->flags & ELFK_INFO_NEXT) && id != cmd->id) {
		elfk_object_put(obj);
		return -ENOENT;
	}
	cmd->id = id;
	cmd->state = READ_ONCE(obj->state);
	strscpy(cmd->name, obj->name, sizeof(cmd->name));
	strscpy(cmd->soname, obj->elf.soname ?: "", sizeof(cmd->soname));
	cmd->mem_size = obj->elf.vsize;
	spin_lock(&obj->self.lock);
	cmd->alloc_bytes = obj->self.alloc_bytes;
	spin_unlock(&obj->self.lock);
	/* Not counting the reference this call holds. */
	cmd->refcount = elfk_object_refcount(obj) - ELFK_REFS_CALLER;
	cmd->elf_type = elfk_elf_type(&obj->elf);
	cmd->nr_symbols = obj->elf.nr_syms;
	cmd->obj_flags = obj->sb ? ELFK_OBJ_VERIFIED : 0;
	cmd->__reserved2 = 0;
	elfk_object_put(obj);
	return 0;
}

static int elfk_ioctl_sym(void *arg, void __user *uarg, u32 usize)
{
	struct elfk_sym *cmd = arg;
	struct elfk_object *obj;
	const Elf64_Sym *sym;
	char *name;
	int err;

	if (cmd->flags || cmd->__reserved)
		return -EINVAL;
	name = kmalloc(ELFK_MAX_SYMBOL_LEN, GFP_KERNEL | __GFP_NOWARN);
	if (!name)
		return -ENOMEM;
	err = copy_name_from_user(name, ELFK_MAX_SYMBOL_LEN, cmd->name);
	if (err)
		goto out_name;
	obj = elfk_object_get(cmd->id);
	if (!obj) {
		err = -ENOENT;
		goto out_name;
	}
	sym = elfk_elf_lookup(&obj->elf, name);
	if (!sym) {
		err = -ENOENT;
	} else if (elfk_object_refuse_lifecycle(obj, name, sym)) {
		err = -EACCES;
	} else {
		/* A TLS symbol's value is its offset in a task's block. */
		cmd->offset = sym->st_shndx == SHN_ABS ||
			      ELF64_ST_TYPE(sym->st_info) == STT_TLS ?
			      sym->st_value : sym->st_value - obj->elf.vbase;
		cmd->sym_size = sym->st_size;
		cmd->type = ELF64_ST_TYPE(sym->st_info);
		cmd->bind = ELF64_ST_BIND(sym->st_info);
	}
	elfk_object_put(obj);
out_name:
	kfree(name);
	return err;
}

/* ---- CALL -------------------------------------------------------------------- */

struct call_bufs {
	void *buf[ELFK_CALL_MAX_ARGS];
	u64 val[ELFK_CALL_MAX_ARGS];
};

static int call_args_valid(const struct elfk_call *cmd)
{
	unsigned int i;

	if ((cmd->flags & ~(ELFK_CALL_KTHREAD | ELFK_CALL_WORKQUEUE)) ||
	    cmd->flags == (ELFK_CALL_KTHREAD | ELFK_CALL_WORKQUEUE) ||
	    cmd->nr_args > ELFK_CALL_MAX_ARGS)
		return -EINVAL;
	for (i = 0; i < ELFK_CALL_MAX_ARGS; i++) {
		const struct elfk_call_arg *a = &cmd->args[i];

		if (a->__reserved || a->kind > ELFK_ARG_INOUT)
			return -EINVAL;
		if (i >= cmd->nr_args && (a->kind || a->value || a->len))
			return -EINVAL;
		if (a->kind == ELFK_ARG_INT && a->len)
			return -EINVAL;
		if (a->kind != ELFK_ARG_INT && !a->len)
			return -EINVAL;
		if (a->len > elfk_max_call_buffer)
			return -E2BIG;
	}
	return 0;
}

static int call_bufs_in(struct call_bufs *b, const struct elfk_call *cmd)
{
	unsigned int i;

	for (i = 0; i < cmd->nr_args; i++) {
		const struct elfk_call_arg *a = &cmd->args[i];

		if (a->kind == ELFK_ARG_INT) {
			b->val[i] = a->value;
			continue;
		}
		b->buf[i] = kvzalloc(a->len, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!b->buf[i])
			return -ENOMEM;
		if ((a->kind == ELFK_ARG_IN || a->kind == ELFK_ARG_INOUT) &&
		    copy_from_user(b->buf[i], u64_to_user_ptr(a->value), a->len))
			return -EFAULT;
		b->val[i] = (unsigned long)b->buf[i];
	}
	return 0;
}

static int call_bufs_out(struct call_bufs *b, const struct elfk_call *cmd)
{
	unsigned int i;

	for (i = 0; i < cmd->nr_args; i++) {
		const struct elfk_call_arg *a = &cmd->args[i];

		if ((a->kind == ELFK_ARG_OUT || a->kind == ELFK_ARG_INOUT) &&
		    copy_to_user(u64_to_user_ptr(a->value), b->buf[i], a->len))
			return -EFAULT;
	}
	return 0;
}

/* A call made from another context, for ELFK_CALL_KTHREAD/WORKQUEUE. */
struct remote_call {
	struct elfk_object *obj;
	const char *name;
	const u64 *args;
	unsigned int nr_args;
	u64 ret;
	int err;
	struct completion done;
	struct work_struct work;
};

static void remote_call_run(struct remote_call *rc)
{
	rc->err = elfk_object_call(rc->obj, rc->name, rc->args, rc->nr_args,
				   &rc->ret);
}

static int remote_call_thread(void *data)
{
	struct remote_call *rc = data;

	remote_call_run(rc);
	complete(&rc->done);
	/* Stay until kthread_stop(): the module must outlive this code. */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void remote_call_work(struct work_struct *work)
{
	remote_call_run(container_of(work, struct remote_call, work));
}

static int call_elsewhere(struct elfk_object *obj, const char *name,
			  const u64 *args, struct elfk_call *cmd)
{
	struct remote_call rc = {
		.obj = obj, .name = name, .args = args, .nr_args = cmd->nr_args,
	};
	struct task_struct *t;

	if (cmd->flags & ELFK_CALL_WORKQUEUE) {
		INIT_WORK_ONSTACK(&rc.work, remote_call_work);
		queue_work(system_unbound_wq, &rc.work);
		flush_work(&rc.work);
		destroy_work_on_stack(&rc.work);
	} else {
		init_completion(&rc.done);
		t = kthread_run(remote_call_thread, &rc, "elfk-call/%u", cmd->id);
		if (IS_ERR(t))
			return PTR_ERR(t);
		get_task_struct(t);
		wait_for_completion(&rc.done);
		kthread_stop(t);
		put_task_struct(t);
	}
	cmd->ret = rc.ret;
	return rc.err;
}

static int elfk_ioctl_call(void *arg, void __user *uarg, u32 usize)
{
	struct elfk_call *cmd = arg;
	struct call_bufs bufs = {};
	struct elfk_object *obj;
	unsigned int i;
	char *name;
	int err;

	err = call_args_valid(cmd);
	if (err)
		return err;
	name = kmalloc(ELFK_MAX_SYMBOL_LEN, GFP_KERNEL | __GFP_NOWARN);
	if (!name)
		return -ENOMEM;
	err = copy_name_from_user(name, ELFK_MAX_SYMBOL_LEN, cmd->symbol);
	if (err)
		goto out_name;
	obj = elfk_object_get(cmd->id);
	if (!obj) {
		err = -ENOENT;
		goto out_name;
	}
	/* Verified: buffers go inside the window, the code through its entry. */
	if (obj->sb) {
		err = elfk_sandbox_ioctl_call(obj, name, cmd);
		goto out_bufs;
	}
	err = call_bufs_in(&bufs, cmd);
	if (err)
		goto out_bufs;
	if (cmd->flags)
		err = call_elsewhere(obj, name, bufs.val, cmd);
	else
		err = elfk_object_call(obj, name, bufs.val, cmd->nr_args,
				       &cmd->ret);
	if (!err)
		err = call_bufs_out(&bufs, cmd);
out_bufs:
	for (i = 0; i < ELFK_CALL_MAX_ARGS; i++)
		kvfree(bufs.buf[i]);
	elfk_object_put(obj);
out_name:
	kfree(name);
	return err;
}

/* ---- dispatch ------------------------------------------------------------------ */

union elfk_ucmd_buffer {
	struct elfk_load load;
	struct elfk_unload unload;
	struct elfk_info info;
	struct elfk_sym sym;
	struct elfk_call call;
};

/**
 * enum elfk_copy_out - when the dispatcher copies a structure back
 * @ELFK_COPY_ON_SUCCESS: only when the handler succeeded
 * @ELFK_COPY_ALWAYS: on failure too (UNLOAD returns log_true_size that way)
 * @ELFK_COPY_SELF: never; the handler does it (LOAD must, before the
 *                  object is published, so that a fault fails the load
 *                  instead of leaving an object the caller cannot name)
 */
enum elfk_copy_out {
	ELFK_COPY_ON_SUCCESS,
	ELFK_COPY_ALWAYS,
	ELFK_COPY_SELF,
};

/**
 * struct elfk_ioctl_op - one command of the dispatch table
 * @size: the kernel's size of the command's structure
 * @min_size: the smallest size a caller may pass (the first release's)
 * @ioctl_num: the full ioctl number
 * @copy_out: when the structure is copied back to the caller
 * @execute: the handler; gets the caller's structure and its size for
 *           ELFK_COPY_SELF
 */
struct elfk_ioctl_op {
	unsigned int size;
	unsigned int min_size;
	unsigned int ioctl_num;
	enum elfk_copy_out copy_out;
	int (*execute)(void *cmd, void __user *uarg, u32 usize);
};

#define IOCTL_OP(_cmd, _fn, _struct, _last, _copy)                             \
	[ELFK_CMD_##_cmd - ELFK_CMD_BASE] = {                                   \
		.size = sizeof(_struct),                                        \
		.min_size = offsetofend(_struct, _last),                        \
		.ioctl_num = ELFK_IOC_##_cmd,                                   \
		.copy_out = _copy,                                              \
		.execute = _fn,                                                 \
	}

static const struct elfk_ioctl_op elfk_ioctl_ops[] = {
	IOCTL_OP(LOAD, elfk_ioctl_load, struct elfk_load, id, ELFK_COPY_SELF),
	IOCTL_OP(UNLOAD, elfk_ioctl_unload, struct elfk_unload, __reserved,
		 ELFK_COPY_ALWAYS),
	IOCTL_OP(INFO, elfk_ioctl_info, struct elfk_info, __reserved,
		 ELFK_COPY_ON_SUCCESS),
	IOCTL_OP(SYM, elfk_ioctl_sym, struct elfk_sym, bind,
		 ELFK_COPY_ON_SUCCESS),
	IOCTL_OP(CALL, elfk_ioctl_call, struct elfk_call, args,
		 ELFK_COPY_ON_SUCCESS),
};

static long elfk_fops_ioctl(struct file *filp, unsigned int cmd,
			    unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	const struct elfk_ioctl_op *op;
	union elfk_ucmd_buffer buf;
	unsigned int nr;
	u32 usize;
	int err;

	if (!elfk_policy_capable())
		return -EPERM;
	nr = _IOC_NR(cmd);
	if (nr < ELFK_CMD_BASE ||
	    nr - ELFK_CMD_BASE >= ARRAY_SIZE(elfk_ioctl_ops))
		return -ENOTTY;
	op = &elfk_ioctl_ops[nr - ELFK_CMD_BASE];
	if (op->ioctl_num != cmd)
		return -ENOTTY;

	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	if (usize < op->min_size)
		return -EINVAL;
	err = copy_struct_from_user(&buf, op->size, uarg, usize);
	if (err)
		return err;
	err = op->execute(&buf, uarg, usize);
	if (op->copy_out == ELFK_COPY_ALWAYS ||
	    (!err && op->copy_out == ELFK_COPY_ON_SUCCESS)) {
		if (copy_to_user(uarg, &buf, min_t(u32, op->size, usize)))
			return -EFAULT;
	}
	return err;
}

static const struct file_operations elfk_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.unlocked_ioctl = elfk_fops_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice elfk_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "elfload",
	.fops = &elfk_fops,
	.mode = 0600,
};

int elfk_device_register(void)
{
	return misc_register(&elfk_misc);
}

void elfk_device_unregister(void)
{
	misc_deregister(&elfk_misc);
}
