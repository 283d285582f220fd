import { describe, expect, it } from 'vitest'
import { iamModel } from '../../src/model/load.js'
import { conformanceProblems } from '../conformance.js'

/** The check every response of the suite goes through (test/setup/conformance.ts) finds what it should. */
describe('the conformance check', () => {
  const listUsers = iamModel().operation('ListUsers')
  const answer = (body: string, status = 200) => ({
    service: 'iam' as const,
    dialect: 'aws' as const,
    operation: listUsers,
    status,
    body,
  })
  const user = (extra = '') =>
    `<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users><member><Path>/</Path><UserName>a</UserName><UserId>AIDAAAAAAAAAAAAAAAAAA</UserId><Arn>arn:aws:iam::123456789012:user/a</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>${extra}</member></Users><IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>`

  it('accepts a response of the output shape', () => {
    expect(conformanceProblems(answer(user()))).toEqual([])
  })

  it('finds an element the shape does not have, and one AWS never sends there', () => {
    expect(conformanceProblems(answer(user('<Nickname>x</Nickname>')))).toEqual([
      'ListUsersResult.Users.member: <Nickname> is not a member of User',
    ])
    expect(conformanceProblems(answer(user('<Tags/>')))).toEqual([
      'ListUsersResult.Users.member: <Tags> AWS never sends',
    ])
  })

  it('finds a value of the wrong type and a required member left out', () => {
    const body = user()
      .replace('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.123Z')
      .replace('<Path>/</Path>', '')
    expect(conformanceProblems(answer(body))).toEqual([
      'ListUsersResult.Users.member.CreateDate: "2024-01-01T00:00:00.123Z" is not a timestamp',
      'ListUsersResult.Users.member: required <Path> missing',
    ])
  })

  it('finds a broken envelope: wrong namespace, no RequestId, an error without its Code', () => {
    expect(conformanceProblems(answer(user().replace('2010-05-08', '2011-06-15')))).toContain(
      'ListUsersResponse: xmlns is https://iam.amazonaws.com/doc/2011-06-15/',
    )
    expect(
      conformanceProblems(
        answer(
          '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Message>m</Message></Error></ErrorResponse>',
          400,
        ),
      ),
    ).toEqual(['Error.Code missing', 'RequestId missing'])
  })
})
