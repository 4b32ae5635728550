import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { formFieldErrors } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import type { OrgView, Role, UserView } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { InitialPasswordNotice } from './InitialPassword';
import { roleSetProblem, SYSTEM_ASSIGNED } from './roleRules';
import { useRoleOptions } from './useRoleLabels';

interface CreateValues {
  username: string;
  displayName: string;
  orgId: string;
  divisionId?: string | null;
  roles: Role[];
}

const CREATE_FIELDS = ['username', 'displayName', 'orgId', 'divisionId', 'roles'] as const;

function RoleCheckboxes({
  canAssignSystem,
  value,
  onChange,
  id,
}: {
  canAssignSystem: boolean;
  value?: Role[];
  onChange?: (v: Role[]) => void;
  id?: string;
}) {
  const roles = useRoleOptions();
  return (
    <div role="group" aria-label="角色" id={id}>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange?.(v)}
        options={roles.map((r) => ({
          value: r.role,
          label: r.label,
          disabled: !canAssignSystem && SYSTEM_ASSIGNED.includes(r.role),
        }))}
      />
    </div>
  );
}

const roleRules = [
  {
    validator: (_: unknown, value: Role[] | undefined) => {
      const p = roleSetProblem(value ?? []);
      return p ? Promise.reject(new Error(p)) : Promise.resolve();
    },
  },
];

function divisionOptions(orgs: readonly OrgView[], agencyId: string | undefined) {
  return orgs
    .filter((o) => o.kind === 'division' && !o.retired && o.parentId === agencyId)
    .map((o) => ({ value: o.id, label: o.name }));
}

/**
 * 新建用户. On success the dialog switches to the generated initial password, shown this once; closing
 * the dialog discards it.
 */
export function CreateUserModal({
  open,
  orgs,
  defaultOrgId,
  canAssignSystem,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** Orgs the actor sees; the agency picker lists the non-division, non-retired ones. */
  orgs: readonly OrgView[];
  defaultOrgId?: string;
  /** user.manage.system: may pick any agency and assign 三员 and 上级监督. */
  canAssignSystem: boolean;
  onClose: () => void;
  onCreated?: (user: UserView) => void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ user: UserView; initialPassword: string | null } | null>(null);
  const orgId = Form.useWatch('orgId', form);
  const agencies = orgs.filter(
    (o) => o.kind !== 'division' && !o.retired && (canAssignSystem || o.id === defaultOrgId),
  );

  const close = () => {
    setCreated(null);
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async () => {
    let v: CreateValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const result = await usersApi.create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        orgId: v.orgId,
        divisionId: v.divisionId || null,
        roles: v.roles,
      });
      setCreated(result);
      onCreated?.(result.user);
    } catch (e) {
      const fields = formFieldErrors(e, CREATE_FIELDS);
      if (fields.length) form.setFields(fields);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  if (created) {
    return (
      <Modal
        open={open}
        title="用户已创建"
        onCancel={close}
        mask={{ closable: false }}
        keyboard={false}
        footer={
          <Button type="primary" onClick={close}>
            我已记录，关闭
          </Button>
        }
      >
        {created.initialPassword ? (
          <InitialPasswordNotice
            username={created.user.username}
            displayName={created.user.displayName}
            password={created.initialPassword}
          />
        ) : created.user.passwordPending ? (
          <Typography.Paragraph>
            用户“{created.user.displayName}
            ”已创建，尚未设置密码（三员分立：系统管理员不设置、不获知他人密码）。
            初始密码由该机关政务公开办在“用户管理”中点“发放初始密码”生成并交给本人；系统角色账号由运维人员在服务器上执行
            <Typography.Text code>gongkai user reset-password {created.user.username}</Typography.Text>。
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph>
            用户“{created.user.displayName}”已创建，使用您设置的密码登录。
          </Typography.Paragraph>
        )}
      </Modal>
    );
  }

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={saving}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: defaultOrgId, roles: [] }}
        onFinish={() => void submit()}
      >
        <Form.Item
          label="用户名"
          name="username"
          extra="登录时使用，创建后不能修改"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: '用户名为3–64位字母、数字、点、下划线或连字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 100, message: '姓名不超过100字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="所属机关" name="orgId" rules={[{ required: true, message: '请选择所属机关' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择机关"
            options={agencies.map((o) => ({ value: o.id, label: o.name }))}
            onChange={() => form.setFieldValue('divisionId', null)}
            notFoundContent="没有可选的机关"
          />
        </Form.Item>
        <Form.Item label="所在科室" name="divisionId" extra="可不选；信息员须选科室以便分办">
          <Select
            allowClear
            placeholder={orgId ? '请选择科室' : '请先选择机关'}
            disabled={!orgId}
            options={divisionOptions(orgs, orgId)}
            notFoundContent="该机关下暂无科室"
          />
        </Form.Item>
        <Form.Item
          label="角色"
          name="roles"
          required
          rules={roleRules}
          extra={
            canAssignSystem
              ? '系统管理员、安全管理员、安全审计员须由不同人员担任，且不得兼任业务角色'
              : '系统角色和上级监督角色由系统管理员分配'
          }
        >
          <RoleCheckboxes canAssignSystem={canAssignSystem} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  displayName: string;
  divisionId?: string | null;
  roles: Role[];
}

/** 编辑用户: name, division and roles. */
export function EditUserModal({
  user,
  orgs,
  canAssignSystem,
  onClose,
  onSaved,
}: {
  user: UserView;
  orgs: readonly OrgView[];
  canAssignSystem: boolean;
  onClose: () => void;
  onSaved: (u: UserView) => void;
}) {
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    let v: EditValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(
        await usersApi.update(user.id, {
          displayName: v.displayName.trim(),
          divisionId: v.divisionId || null,
          roles: v.roles,
        }),
      );
    } catch (e) {
      const fields = formFieldErrors(e, ['displayName', 'divisionId', 'roles'] as const);
      if (fields.length) form.setFields(fields);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`编辑用户：${user.username}`}
      okText="保存"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ displayName: user.displayName, divisionId: user.divisionId, roles: user.roles }}
        onFinish={() => void submit()}
      >
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 100, message: '姓名不超过100字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="所在科室" name="divisionId">
          <Select
            allowClear
            placeholder="不属于具体科室"
            options={divisionOptions(orgs, user.orgId)}
            notFoundContent="该机关下暂无科室"
          />
        </Form.Item>
        <Form.Item label="角色" name="roles" required rules={roleRules}>
          <RoleCheckboxes canAssignSystem={canAssignSystem} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
