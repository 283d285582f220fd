export {
  ADMIN_PREFIX,
  MAX_BODY_BYTES,
  startIamServer,
  type IamServer,
  type IamServerOptions,
  type IamServerRequestLog,
} from './start-iam-server.js'
