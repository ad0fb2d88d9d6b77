// 简体中文：运维面——审计日志、运行中的请求与取消、MCP 访问。
import type { enOperate } from '../en/operate';

export const zhOperate: Record<keyof typeof enOperate, string> = {
  'nav.audit': '审计日志',
  'audit.title': '审计日志',
  'audit.subtitle': '管理 API、控制台或 MCP 做出的每一次变更。密钥均已脱敏。',
  'audit.time': '时间',
  'audit.actor': '操作者',
  'audit.actorType': '操作者类型',
  'audit.actorAdmin': '管理员',
  'audit.actorMcp': 'MCP 密钥',
  'audit.action': '操作',
  'audit.target': '对象',
  'audit.changed': '变更字段',
  'audit.before': '变更前',
  'audit.after': '变更后',
  'audit.none': '无（新建或已删除）',
  'audit.empty': '暂无变更记录',
  'audit.emptyHint': '对供应商、模型、关联和密钥的变更会显示在这里。',
  'inflight.title': '正在运行',
  'inflight.hint': '任意实例上仍在处理的请求（约一秒后出现）。',
  'inflight.elapsed': '已耗时',
  'inflight.running': '处理中',
  'inflight.cancel': '取消',
  'inflight.cancelTitle': '取消这个请求？',
  'inflight.cancelConfirm': '将中止 {model} 的上游调用，并把该请求记录为已取消。',
  'inflight.cancelled': '已发送取消',
  'inflight.none': '当前没有运行中的请求。',
  'keys.mcpAdmin': 'MCP 管理',
  'keys.mcpAdminLabel': '允许通过 MCP（/mcp）管理网关',
  'keys.mcpAdminHint':
    '该密钥可用于 MCP 服务认证。读取工具始终可用；写入工具仅在开启 MCP_ALLOW_WRITE 时可用。',
};
