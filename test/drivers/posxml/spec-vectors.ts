// Message examples from the vendor's PoSXML 7.1 specification (§1.4 and Appendix 1), copied
// verbatim but for page headers and footers, as test vectors. The Appendix request examples
// write `</ CurrencyName>`, which is not well-formed XML (a typo in the spec).

export const SECTION_1_4_REQUEST = `<?xml version="1.0" encoding="UTF-8" ?>
        <PosXML version="7.1.0">
               <TransactionRequest>
                      <Amount>10000</Amount>
                      <CurrencyName>EUR</CurrencyName>
               </TransactionRequest>
        </PosXML>`;

export const SECTION_1_4_RESPONSE = `<?xml version="1.0" encoding="UTF-8" ?>
        <PosXML version="7.1.0">
               <TransactionResponse>
                      <ReturnCode>0</ReturnCode>
                      <Reason></Reason>
                      <TransactionData>
                             <Amount>10000</Amount>
                             <AdditionalAmount>0</AdditionalAmount>
                             <CurrencyName>EUR</CurrencyName>
                             <DateTime>24.03.2010 10:21:56</DateTime>
                             <Stan>000006</Stan>
                             <Type>T1</Type>
                             <CardAction>2</CardAction>
                             <AuthorizationNo>234961</AuthorizationNo>
                             <HostAnswer>000</HostAnswer>
                             <SecAmount>639</SecAmount>
                             <SecAdditionalAmount>0</SecAdditionalAmount>
                             <SecCurrencyName>EEK</SecCurrencyName>
                             <SignatureRequired>0</SignatureRequired>
                             <PINVerified>1</PINVerified>
                      </TransactionData>
                      <CardData>
                             <PhysicalType>51</PhysicalType>
                             <Pan>************1699</Pan>
                             <CardName>SWEDBANKI MC</CardName>
                             <Expires>**/**</Expires>
                             <ServiceCode>201</ServiceCode>
                             <AL>MASTERCARD</AL>
                             <AID>A0000000041010</AID>
                             <CardID>A678499BC74FDE35F8252B0628219D7CF3FD83AB</CardID>
                      </CardData>
                      <TerminalData>
                             <SerNo>9009808972</SerNo>
                             <ID>VOC21201</ID>
                             <Name>LIBA POS LUUK</Name>
                             <Address>TALLINN, KAUBA 1</Address>
                             <MerchantRegNo>11060344</MerchantRegNo>
                             <PayDesk>005</PayDesk>
                             <VerificationResult>0000000000</VerificationResult>

               <ApplicationCryptogram>CB5BAFF2DEF93CE5</ApplicationCryptogram>
                             <TSI>E800</TSI>
                             <CVMR>410302</CVMR>
                             <IAD>0111651003020000DAC100000000000000FF</IAD>
                             <UPN>6B45A638</UPN>
                             <ATC>0136</ATC>
                             <AIP>5800</AIP>
                             <TT>0</TT>
                             <PrinterStatus>2</PrinterStatus>
                      </TerminalData>
               </TransactionResponse>
        </PosXML>`;

export const APPENDIX_3_REQUEST = `<?xml version="1.0" encoding="UTF-8" ?>
<PosXML version="7.1.0">
       <TransactionRequest>
              <Amount>50000</Amount>
              <CurrencyName>EUR</ CurrencyName>
              <TransactionID>ABC123</TransactionID>
              <PrintReceipt>48</PrintReceipt>
       </TransactionRequest>
</PosXML>`;

export const APPENDIX_3_RESPONSE = `<?xml version="1.0" encoding="UTF-8" ?>
<PosXML version="7.1.0">
       <TransactionResponse>
              <ReturnCode>0</ReturnCode>
              <Reason></Reason>
              <TransactionData>
                     <TransactionID>ABC123</TransactionID>
                     <Amount>50000</Amount>
                     <AdditionalAmount>0</AdditionalAmount>
                     <DateTime>07.01.2009 13:40:13</DateTime>
                     <Stan>000072</Stan>
                     <Type>T1</Type>
                     <CardAction>2</CardAction>
                     <AuthorizationNo>054247</AuthorizationNo>
                     <SecAmount>3196</SecAmount>
                     <SecAdditionalAmount>0</SecAdditionalAmount>
                     <CurrencyName>EUR</CurrencyName>
                     <SecCurrencyName>EEK</SecCurrencyName>
                     <SignatureRequired>0</SignatureRequired>
                     <PINVerified>1</PINVerified>
              </TransactionData>
              <CardData>
                     <PhysicalType>41</PhysicalType>
                     <Pan>************1570</Pan>
                     <CardName>HANSA VISA KREDIIT</CardName>
                     <Expires>**/**</Expires>
                     <ServiceCode>201</ServiceCode>
                     <AL>Visa Credit</AL>
                     <AID>A0000000031010</AID>
              </CardData>
              <TerminalData>
                     <SerNo>9026808847</SerNo>
                     <ID>VOC21201</ID>
                     <Name>KAUBAMAJA!</Name>
                     <Address>TALLINN, KAUBA 1</Address>
                     <MerchantRegNo>11060344</MerchantRegNo>
                     <PayDesk>005</PayDesk>
                     <VerificationResult>0080000800</VerificationResult>
                     <ApplicationCryptogram>FA92BA6EF529E091</ApplicationCryptogram>
                     <CID>40</CID>
                     <TSI>F800</TSI>
                     <CVMR>010302</CVMR>
                     <IAD>06010A03642000</IAD>
                     <UPN>BD60438A</UPN>
                     <ATC>0062</ATC>
                     <AIP>5C00</AIP>
                     <TT>0</TT>
                     <PrinterStatus>2</PrinterStatus>
              </TerminalData>
              <AdditionalInfo></AdditionalInfo>
              <MerchReceipt>
                     CARD PAYMENT RECEIPT
                     KAUBAMAJA! TALLINN, KAUBA 1
                     Terminal:VOC21201    Reg:11060344   Paydesk:005
                     Receipt:000072       Time:07.01.2009-13:40:13
                     Author. no: 054247     T1
                     TRANSACTION DONE
                     Amount:                                500.00 EUR
                                                           (31.96 EEK)
                     Payment card: HANSA VISA KREDIIT

                     PAN:************1570
                     AL: Visa Credit
                     AID:A0000000031010
                     CID:40 TC:FA92BA6EF529E091
                     TVR:0080000800 TSI:F800 CVMR:010302
                     IAD:06010A03642000
                     UPN:BD60438A TT:0 AIP:5C00 ATC:0062
                     PIN CHECKED
              </MerchReceipt>
              <CustReceipt>
                     CARD PAYMENT RECEIPT
                     KAUBAMAJA! TALLINN, KAUBA 1
                     Terminal:VOC21201    Reg:11060344   Paydesk:005
                     Receipt:000072       Time:07.01.2009-13:40:13
                     Author. no: 054247    T1
                     TRANSACTION DONE
                     Amount:                               500.00 EUR
                                                          (31.96 EEK)
                     Payment card: HANSA VISA KREDIIT
                     PAN:************1570
                     AL: Visa Credit
                     AID:A0000000031010
                     PIN CHECKED
                     Retain receipt for statement verification
              </CustReceipt>
       </TransactionResponse>
</PosXML>`;

export const APPENDIX_4_REQUEST = `<?xml version="1.0" encoding="UTF-8" ?>
<PosXML version="7.1.0">
       <TransactionRequest>
              <Amount>10000</Amount>
              <CurrencyName>EUR</ CurrencyName>
              <TransactionID>ABC124</TransactionID>
              <PrintReceipt>48</PrintReceipt>
       </TransactionRequest>
</PosXML>`;

export const APPENDIX_4_RESPONSE = `<?xml version="1.0" encoding="UTF-8" ?>
<PosXML version="7.1.0">
       <TransactionResponse>
              <ReturnCode>32778</ReturnCode>
              <Reason>
                     Card declined transaction. System error! (909).. Return card!.
              </Reason>
              <TransactionData>
                     <TransactionID>ABC124</TransactionID>
                     <Amount>10000</Amount>
                     <AdditionalAmount>0</AdditionalAmount>
                     <DateTime>07.01.2009 13:51:02</DateTime>
                     <Stan>000073</Stan>
                     <Type>T1</Type>
                     <CardAction>2</CardAction>
                     <AuthorizationNo>      </AuthorizationNo>
                     <SecAmount>639</SecAmount>
                     <SecAdditionalAmount>0</SecAdditionalAmount>
                     <CurrencyName>EUR</CurrencyName>
                     <SecCurrencyName>EEK</SecCurrencyName>
                     <SignatureRequired>0</SignatureRequired>

                     <PINVerified>1</PINVerified>
              </TransactionData>
              <CardData>
                     <PhysicalType>41</PhysicalType>
                     <Pan>************1570</Pan>
                     <CardName>HANSA VISA KREDIIT</CardName>
                     <Expires>**/**</Expires>
                     <ServiceCode>201</ServiceCode>
                     <AL>Visa Credit</AL>
                     <AID>A0000000031010</AID>
              </CardData>
              <TerminalData>
                     <SerNo>9026808847</SerNo>
                     <ID>VOC21201</ID>
                     <Name>KAUBAMAJA!</Name>
                     <Address>TALLINN, KAUBA 1</Address>
                     <MerchantRegNo>11060344</MerchantRegNo>
                     <PayDesk>005</PayDesk>
                     <VerificationResult>0080000800</VerificationResult>
                     <ApplicationCryptogram>1CE06FC829F004E9</ApplicationCryptogram>
                     <CID>00</CID>
                     <TSI>E800</TSI>
                     <CVMR>010302</CVMR>
                     <IAD>06010A03240400</IAD>
                     <UPN>C49A93CE</UPN>
                     <ATC>0063</ATC>
                     <AIP>5C00</AIP>
                     <TT>0</TT>
                     <PrinterStatus>2</PrinterStatus>
              </TerminalData>
              <AdditionalInfo></AdditionalInfo>
              <MerchReceipt>
                     ERRORMESSAGE
                     Terminal:VOC21201    Reg:11060344   Paydesk:005
                     Receipt:000073       Time:07.01.2009-13:51:02
                     Transaction failed
                     Card declined transaction
                      System error! (909).
                     Return card!

                     Payment card: HANSA VISA KREDIIT
                     PAN:************1570
                     AL: Visa Credit
                     AID:A0000000031010
                     CID:00 TC:1CE06FC829F004E9
                     TVR:0080000800 TSI:E800 CVMR:010302
                     IAD:06010A03240400
                     UPN:C49A93CE TT:0 AIP:5C00 ATC:0063
              </MerchReceipt>
              <CustReceipt></CustReceipt>
       </TransactionResponse>
</PosXML>`;
