// SPDX-License-Identifier: GPL-2.0
/*
 * Decision records: one dmesg line per denial or complaint in a stable
 * key=value format, rate limited per (profile, op, target) with the count
 * of suppressed repeats always reported, and the same records queued for
 * the netlink "events" group.  Hooks can run in atomic context, so lines
 * are formatted into static slots under a spinlock and sent to netlink
 * from a work item.
 */
#include <linux/cred.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "dmzguard.h"
#include "glob.h"

#define DMZG_LINE_MAX 768
#define DMZG_RING_SIZE 64
#define DMZG_RL_SLOTS 256
#define DMZG_RL_WINDOW (5 * HZ)
#define DMZG_RL_WHAT 160

struct dmzg_event_slot {
	u8 kind, op;
	pid_t pid;
	u32 uid;
	char profile[DMZG_NAME_MAX];
	char comm[TASK_COMM_LEN];
	char line[DMZG_LINE_MAX];
};

/* One remembered (profile, op, target) whose repeats are being counted. */
struct dmzg_rl_slot {
	u32 key;
	unsigned long since;
	u32 suppressed;
	char what[DMZG_RL_WHAT];
};

static struct dmzg_event_slot dmzg_ring[DMZG_RING_SIZE];
static unsigned int dmzg_ring_head, dmzg_ring_len;
static struct dmzg_rl_slot dmzg_rl[DMZG_RL_SLOTS];
static DEFINE_SPINLOCK(dmzg_audit_lock);
static char dmzg_line[DMZG_LINE_MAX];	/* under dmzg_audit_lock */
static bool dmzg_audit_live;

static void dmzg_event_work_fn(struct work_struct *work);
static void dmzg_rl_work_fn(struct work_struct *work);
static DECLARE_WORK(dmzg_event_work, dmzg_event_work_fn);
static DECLARE_DELAYED_WORK(dmzg_rl_work, dmzg_rl_work_fn);

static const char *const dmzg_op_names[__DMZG_OP_MAX] = {
	[DMZG_OP_EXEC] = "exec",
	[DMZG_OP_CONNECT] = "connect",
	[DMZG_OP_SENDMSG] = "sendmsg",
	[DMZG_OP_BIND] = "bind",
	[DMZG_OP_LISTEN] = "listen",
	[DMZG_OP_SOCKET] = "socket",
	[DMZG_OP_CAPABILITY] = "capability",
	[DMZG_OP_PTRACE] = "ptrace",
	[DMZG_OP_NETLINK] = "netlink",
	[DMZG_OP_ATTACH] = "attach",
	[DMZG_OP_WRITE] = "write",
};

/**
 * dmzg_op_name() - the name of an operation in log lines
 * @op: enum dmzg_op
 *
 * Return: a static string.
 */
const char *dmzg_op_name(u8 op)
{
	if (op < __DMZG_OP_MAX && dmzg_op_names[op])
		return dmzg_op_names[op];
	return "unknown";
}

/*
 * Append @src escaped: bytes outside printable ASCII, space, '"', '\\'
 * and '=' become \xNN, so a value never splits a key=value line.
 */
static size_t put_escaped(char *dst, size_t pos, size_t size,
			  const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len && pos + 5 < size; i++) {
		unsigned char c = src[i];

		if (c > 0x20 && c < 0x7f && c != '"' && c != '\\' &&
		    c != '=') {
			dst[pos++] = c;
			continue;
		}
		dst[pos++] = '\\';
		dst[pos++] = 'x';
		dst[pos++] = hex[c >> 4];
		dst[pos++] = hex[c & 15];
	}
	if (i < len && pos + 4 < size) {
		memcpy(dst + pos, "...", 3);
		pos += 3;
	}
	dst[pos] = '\0';
	return pos;
}

static size_t put_fmt(char *dst, size_t pos, size_t size, const char *fmt,
		      ...)
{
	va_list ap;

	if (pos >= size)
		return pos;
	va_start(ap, fmt);
	pos += vscnprintf(dst + pos, size - pos, fmt, ap);
	va_end(ap);
	return pos;
}

/*
 * The current task's name, read without task_lock(): decisions run under
 * other tasks' locks (ptrace_attach holds the tracee's alloc_lock, and
 * taking ours too could deadlock two tasks tracing each other).  Only the
 * task itself or a write to /proc/PID/comm changes it, so a racing read
 * garbles at most a name in a log line.
 */
static void current_comm(char comm[TASK_COMM_LEN])
{
	memcpy(comm, current->comm, TASK_COMM_LEN);
	comm[TASK_COMM_LEN - 1] = '\0';
}

static void queue_event(u8 kind, u8 op, const char *profile,
			const char *line)
{
	struct dmzg_event_slot *e;
	unsigned int i;

	if (dmzg_ring_len == DMZG_RING_SIZE) {
		/* Drop the oldest: its dmesg line was already printed. */
		dmzg_ring_head = (dmzg_ring_head + 1) % DMZG_RING_SIZE;
		dmzg_ring_len--;
	}
	i = (dmzg_ring_head + dmzg_ring_len) % DMZG_RING_SIZE;
	e = &dmzg_ring[i];
	e->kind = kind;
	e->op = op;
	e->pid = task_pid_nr(current);
	e->uid = from_kuid(&init_user_ns, current_uid());
	strscpy(e->profile, profile, sizeof(e->profile));
	current_comm(e->comm);
	strscpy(e->line, line, sizeof(e->line));
	dmzg_ring_len++;
	if (dmzg_audit_live)
		schedule_work(&dmzg_event_work);
}

/*
 * Decide whether a record is printed.  The first of a kind always is; a
 * repeat inside the window is counted; the next one printed after the
 * window carries the count, and a periodic flush reports counts whose
 * key went quiet.
 */
static bool rl_admit(u32 key, const char *what, u32 *suppressed)
{
	struct dmzg_rl_slot *s = &dmzg_rl[key % DMZG_RL_SLOTS];

	*suppressed = 0;
	if (s->key == key && s->since &&
	    time_before(jiffies, s->since + DMZG_RL_WINDOW)) {
		if (!s->suppressed++ && dmzg_audit_live)
			schedule_delayed_work(&dmzg_rl_work,
					      DMZG_RL_WINDOW + HZ);
		return false;
	}
	if (s->key != key && s->suppressed)
		pr_info("%s suppressed=%u\n", s->what, s->suppressed);
	else
		*suppressed = s->suppressed;
	s->key = key;
	s->since = jiffies ? jiffies : 1;
	s->suppressed = 0;
	strscpy(s->what, what, sizeof(s->what));
	return true;
}

static void dmzg_rl_work_fn(struct work_struct *work)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&dmzg_audit_lock, flags);
	for (i = 0; i < DMZG_RL_SLOTS; i++) {
		struct dmzg_rl_slot *s = &dmzg_rl[i];

		if (!s->suppressed ||
		    time_before(jiffies, s->since + DMZG_RL_WINDOW))
			continue;
		pr_info("%s suppressed=%u\n", s->what, s->suppressed);
		s->suppressed = 0;
		s->since = 0;
	}
	spin_unlock_irqrestore(&dmzg_audit_lock, flags);
}

static void record(u8 kind, const char *profile, const char *exe,
		   const struct dmzg_audit *a)
{
	char comm[TASK_COMM_LEN];
	size_t pos, what_end;
	unsigned long flags;
	u32 key, suppressed;
	bool print;

	current_comm(comm);
	spin_lock_irqsave(&dmzg_audit_lock, flags);
	pos = put_fmt(dmzg_line, 0, DMZG_LINE_MAX, "%s op=%s profile=%s",
		      kind == DMZG_EVENT_DENIED ? "denied" : "complain",
		      dmzg_op_name(a->op), profile);
	what_end = pos;
	if (a->extra)
		what_end = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " %s",
				   a->extra);
	if (a->key) {
		what_end = put_fmt(dmzg_line, what_end, DMZG_LINE_MAX, " %s=",
				   a->key);
		what_end = put_escaped(dmzg_line, what_end, DMZG_LINE_MAX,
				       a->value, a->value_len);
	}
	/* The rate-limit key covers profile, op and target, not the pid. */
	key = dmzg_hash_bytes(dmzg_line, what_end);
	print = rl_admit(key, dmzg_line, &suppressed);
	/* Rebuild with the subject in the documented key order. */
	pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " pid=%d comm=",
		      task_pid_nr(current));
	pos = put_escaped(dmzg_line, pos, DMZG_LINE_MAX, comm, strlen(comm));
	pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " exe=");
	pos = put_escaped(dmzg_line, pos, DMZG_LINE_MAX, exe, strlen(exe));
	if (a->extra)
		pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " %s", a->extra);
	if (a->key) {
		pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " %s=", a->key);
		pos = put_escaped(dmzg_line, pos, DMZG_LINE_MAX, a->value,
				  a->value_len);
	}
	pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " uid=%u",
		      from_kuid(&init_user_ns, current_uid()));
	if (suppressed)
		pos = put_fmt(dmzg_line, pos, DMZG_LINE_MAX, " suppressed=%u",
			      suppressed);
	if (print)
		pr_info("%s\n", dmzg_line);
	queue_event(kind, a->op, profile, dmzg_line);
	spin_unlock_irqrestore(&dmzg_audit_lock, flags);
}

/**
 * dmzg_verdict() - apply a profile's mode to a decision and record it
 * @prof: profile, or NULL when the task's profile is missing (deny)
 * @conf: the task's label
 * @allowed: what the rules decided
 * @deny_errno: negative errno returned for an enforced denial
 * @a: what to record
 *
 * Return: 0 to let the operation proceed, @deny_errno to refuse it.
 */
int dmzg_verdict(struct dmzg_profile *prof, const struct dmzg_conf *conf,
		 bool allowed, int deny_errno, const struct dmzg_audit *a)
{
	bool complain;

	if (prof)
		atomic64_inc(&prof->decisions);
	if (allowed)
		return 0;
	complain = prof && READ_ONCE(prof->mode) == DMZG_MODE_COMPLAIN;
	if (!complain && prof)
		atomic64_inc(&prof->denials);
	record(complain ? DMZG_EVENT_COMPLAIN : DMZG_EVENT_DENIED,
	       conf->name, conf->exe, a);
	return complain ? 0 : deny_errno;
}

/**
 * dmzg_audit_policy() - log and broadcast a policy change
 * @fmt: printf format of the key=value pairs after "policy "
 */
void dmzg_audit_policy(const char *fmt, ...)
{
	unsigned long flags;
	va_list ap;
	size_t pos;

	spin_lock_irqsave(&dmzg_audit_lock, flags);
	pos = scnprintf(dmzg_line, DMZG_LINE_MAX, "policy ");
	va_start(ap, fmt);
	vscnprintf(dmzg_line + pos, DMZG_LINE_MAX - pos, fmt, ap);
	va_end(ap);
	pr_info("%s\n", dmzg_line);
	queue_event(DMZG_EVENT_POLICY, DMZG_OP_ATTACH, "", dmzg_line);
	spin_unlock_irqrestore(&dmzg_audit_lock, flags);
}

static void dmzg_event_work_fn(struct work_struct *work)
{
	struct dmzg_event_slot *e;
	unsigned long flags;

	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return;
	for (;;) {
		spin_lock_irqsave(&dmzg_audit_lock, flags);
		if (!dmzg_ring_len) {
			spin_unlock_irqrestore(&dmzg_audit_lock, flags);
			break;
		}
		*e = dmzg_ring[dmzg_ring_head];
		dmzg_ring_head = (dmzg_ring_head + 1) % DMZG_RING_SIZE;
		dmzg_ring_len--;
		spin_unlock_irqrestore(&dmzg_audit_lock, flags);
		dmzg_netlink_event(e->kind, e->op, e->profile, e->pid, e->uid,
				   e->comm, e->line);
	}
	kfree(e);
}

/**
 * dmzg_audit_init() - start delivering events
 *
 * Return: 0.
 */
int dmzg_audit_init(void)
{
	WRITE_ONCE(dmzg_audit_live, true);
	return 0;
}

/**
 * dmzg_audit_exit() - stop delivering events and flush pending work
 *
 * Context: the hooks are removed, so no new records arrive.
 */
void dmzg_audit_exit(void)
{
	unsigned long flags;

	spin_lock_irqsave(&dmzg_audit_lock, flags);
	dmzg_audit_live = false;
	spin_unlock_irqrestore(&dmzg_audit_lock, flags);
	cancel_work_sync(&dmzg_event_work);
	cancel_delayed_work_sync(&dmzg_rl_work);
}
