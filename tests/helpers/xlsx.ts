import ExcelJS from 'exceljs'
import type { Test } from 'supertest'

/** Downloads an XLSX answer and opens it: the answer must be a 200 with the spreadsheet content type. */
export async function downloadWorkbook(request: Test): Promise<ExcelJS.Workbook> {
  const res = await request.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = []
    r.on('data', (c: Buffer) => chunks.push(c))
    r.on('end', () => cb(null, Buffer.concat(chunks)))
  })
  expect(res.status).toBe(200)
  expect(res.headers['content-type']).toContain('spreadsheetml')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer)
  return wb
}
